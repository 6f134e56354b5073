/**
 * The web console under {@code /console}: server-rendered HTML, no template engine, no inline
 * script or style.
 *
 * <h2>Adding a screen</h2>
 *
 * <ol>
 *   <li>Write a final class with {@code static void register(Routes routes)} and list it in {@link
 *       dev.gatehouse.console.Console}'s constructor. Register GET screens with {@code
 *       routes.get("/groups/{name}", GroupPages::show)} and actions with {@code routes.post(...)};
 *       {@code {name}} segments arrive through {@code visit.request().pathParam("name")}. Every
 *       POST is CSRF-checked by the handler; forms opened with {@link
 *       dev.gatehouse.console.Forms#open} carry the token.
 *   <li>Act only through {@link dev.gatehouse.console.Visit#iam} or {@link
 *       dev.gatehouse.console.Visit#call}: the action runs as the signed-in identity or its role
 *       session, through the same operation, authorizer and audit log as an SDK call, with the
 *       parameters spelled as an SDK sends them ({@code Tags.member.1.Key}). Results are the
 *       operation's output shape in JSON with lowerCamelCase names ({@code roles}, {@code
 *       isTruncated}); {@link dev.gatehouse.console.RolesPages#all} follows pagination.
 *   <li>Render with {@link dev.gatehouse.console.Html} (it escapes every text and value), {@link
 *       dev.gatehouse.console.Forms} (labelled inputs, hints, errors), {@link
 *       dev.gatehouse.console.Tables} (searchable tables), {@link dev.gatehouse.console.JsonEditor}
 *       (policy documents with the validator's findings) and answer with {@link
 *       dev.gatehouse.console.Visit#page} (the chrome: header, navigation, breadcrumbs, flash). An
 *       AWS error the screen does not handle becomes an error page with AWS's code and message; one
 *       it handles is shown in place with {@code ErrorPages.aws}.
 *   <li>After a change, redirect with {@link dev.gatehouse.console.Visit#done} or {@link
 *       dev.gatehouse.console.Visit#failed} (a flash message on the next page; redirects go to
 *       console paths only).
 * </ol>
 */
package dev.gatehouse.console;
