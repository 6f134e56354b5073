// Reference server for the S3 benchmark: a plain Jetty 12 non-blocking core handler that answers
// every GET with the same 4 KiB body and reads (and drops) every PUT body, answering 200 with an
// ETag: the ceiling any Jetty-based S3 handler can reach on this machine.
// Run: java -cp 'cli/target/lib/*' bench/load/MinimalS3Jetty.java PORT
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

public class MinimalS3Jetty {
  static final byte[] BODY = new byte[4096];

  static {
    Arrays.fill(BODY, (byte) 'a');
  }

  public static void main(String[] args) throws Exception {
    Server server = new Server(Integer.parseInt(args[0]));
    server.setHandler(
        new Handler.Abstract.NonBlocking() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            boolean put = request.getMethod().equals("PUT");
            Content.Source.consumeAll(
                request,
                Callback.from(
                    () -> {
                      response.getHeaders().put("ETag", "\"21a199c53f422a380e20b162fb6ebe9c\"");
                      if (put) {
                        response.write(true, null, callback);
                      } else {
                        response.getHeaders().put("Content-Type", "application/octet-stream");
                        response.write(true, ByteBuffer.wrap(BODY), callback);
                      }
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
