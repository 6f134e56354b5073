// Reference server for the load test: a plain Jetty 12 non-blocking core handler
// (Handler.Abstract.NonBlocking) answering a fixed ~300-byte XML body once it has read the
// request's body: the fastest any Jetty-based API can answer on this machine.
// Run: java -cp 'cli/target/lib/*' bench/load/MinimalJetty.java PORT
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

public class MinimalJetty {
  static final byte[] BODY =
      ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<GetUserResponse"
              + " xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><GetUserResult><User><Path>/</Path>"
              + "<UserName>bench</UserName><UserId>AIDAEXAMPLEEXAMPLE01</UserId>"
              + "<Arn>arn:aws:iam::123456789012:user/bench</Arn><CreateDate>2026-01-01T00:00:00Z"
              + "</CreateDate></User></GetUserResult><ResponseMetadata><RequestId>"
              + "00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></GetUserResponse>")
          .getBytes(StandardCharsets.UTF_8);

  public static void main(String[] args) throws Exception {
    Server server = new Server(Integer.parseInt(args[0]));
    server.setHandler(
        new Handler.Abstract.NonBlocking() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            Content.Source.consumeAll(
                request,
                Callback.from(
                    () -> {
                      response.getHeaders().put("Content-Type", "text/xml");
                      response.write(true, ByteBuffer.wrap(BODY), callback);
                    },
                    callback::failed));
            return true;
          }
        });
    server.start();
    System.out.println("reference listening on " + args[0]);
    server.join();
  }
}
