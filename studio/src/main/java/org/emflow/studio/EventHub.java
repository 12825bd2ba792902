package org.emflow.studio;

import io.javalin.http.sse.SseClient;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The open server-sent-event streams of the pages; run events go to all of them. */
public final class EventHub {
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();

    public void add(SseClient client) {
        clients.add(client);
        client.onClose(() -> clients.remove(client));
    }

    /** Sends one event ({@code event: name}, {@code data: json}) to every page; closed streams are dropped. */
    public void broadcast(String event, String json) {
        for (SseClient c : clients) {
            synchronized (c) {
                if (c.terminated()) {
                    clients.remove(c);
                    continue;
                }
                try {
                    c.sendEvent(event, json);
                } catch (RuntimeException e) {
                    clients.remove(c);
                }
            }
        }
    }

    public int size() {
        return clients.size();
    }

    public void closeAll() {
        for (SseClient c : clients) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // already gone
            }
        }
        clients.clear();
    }
}
