package io.inventorysync.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One {@code POST} of a JSON body to a vendor's API over {@link HttpURLConnection}, which the
 * functions' SDK clients load anyway: the JDK's {@code java.net.http} client cost a cold start
 * about 270 classes of its own and a selector thread (issue 16). No redirects followed, HTTP/1.1
 * with keep-alive (the answer is always read to its end), {@code connectTimeout} to connect and
 * {@code readTimeout} between two reads. Thread-safe; built once per container.
 */
public final class JsonPost {
    private final Duration connectTimeout;
    private final Duration readTimeout;

    /** The status and, whatever it is, the body the server sent (empty if none). */
    public record Answer(int status, byte[] body) {
    }

    public JsonPost(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** @param headers besides {@code Content-Type: application/json} */
    public Answer post(URI endpoint, Map<String, String> headers, byte[] body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
        try {
            connection.setInstanceFollowRedirects(false);
            connection.setConnectTimeout((int) connectTimeout.toMillis());
            connection.setReadTimeout((int) readTimeout.toMillis());
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(body.length);
            connection.setRequestProperty("Content-Type", "application/json");
            headers.forEach(connection::setRequestProperty);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            // Read to the end either way, so the connection can be kept alive for the next call.
            InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            byte[] answer = in == null ? new byte[0] : in.readAllBytes();
            if (in != null) {
                in.close();
            }
            return new Answer(status, answer);
        } catch (IOException e) {
            connection.disconnect();
            throw e;
        }
    }
}
