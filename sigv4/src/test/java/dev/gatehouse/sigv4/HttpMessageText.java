package dev.gatehouse.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The aws-c-auth suite's HTTP text files ({@code request.txt}, {@code *-signed-request.txt}): a
 * request line, {@code Name:value} header lines (continuation lines start with whitespace, kept as
 * obs-fold inside the value), an empty line, the body. Line ends are {@code \n}.
 */
record HttpMessageText(String method, String target, List<Header> headers, String body) {

  static HttpMessageText parse(String text) {
    int end = text.indexOf("\n\n");
    String head = end < 0 ? text : text.substring(0, end);
    String body = end < 0 ? "" : text.substring(end + 2);
    String[] lines = head.split("\n", -1);
    String requestLine = lines[0];
    int firstSpace = requestLine.indexOf(' ');
    int lastSpace = requestLine.lastIndexOf(' ');
    String method = requestLine.substring(0, firstSpace);
    String target = requestLine.substring(firstSpace + 1, lastSpace);
    List<String[]> fields = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        continue;
      }
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        String[] last = fields.get(fields.size() - 1);
        last[1] = last[1] + "\n" + line;
      } else {
        int colon = line.indexOf(':');
        fields.add(new String[] {line.substring(0, colon), line.substring(colon + 1)});
      }
    }
    List<Header> headers = new ArrayList<>();
    for (String[] field : fields) {
      headers.add(new Header(field[0], field[1]));
    }
    return new HttpMessageText(method, target, headers, body);
  }

  static String render(SignedRequest request, String body) {
    StringBuilder out = new StringBuilder();
    out.append(request.method()).append(' ').append(request.rawPath());
    if (!request.rawQuery().isEmpty()) {
      out.append('?').append(request.rawQuery());
    }
    out.append(" HTTP/1.1\n");
    for (Header header : request.headers()) {
      out.append(header.name()).append(':').append(header.value()).append('\n');
    }
    return out.append('\n').append(body).toString();
  }

  String rawPath() {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  String rawQuery() {
    int q = target.indexOf('?');
    return q < 0 ? "" : target.substring(q + 1);
  }

  SignedRequest toRequest() {
    return SignedRequest.of(
        method, rawPath(), rawQuery(), headers, body.getBytes(StandardCharsets.UTF_8));
  }
}
