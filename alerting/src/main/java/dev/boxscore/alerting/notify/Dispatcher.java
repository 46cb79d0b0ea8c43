package dev.boxscore.alerting.notify;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Alertmanager's aggregation groups for Boxscore's channels: batches each group's alerts
 * (groupWait, groupInterval, repeatInterval), sends only what changed, retries with backoff and
 * keeps each channel's health.
 *
 * <p>Time is explicit: {@link #update} and {@link #tick} take the current instant, so tests drive
 * the timers; {@link #start()} ticks every second with the configured clock. Neither {@code update}
 * nor {@code tick} does HTTP: requests run on the Dispatcher's own threads, and a group is not
 * flushed again while its previous notification is still being delivered, so a resolve never
 * overtakes its trigger.
 */
public final class Dispatcher implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());
  static final String TEST_ALERT_NAME = "Boxscore test notification";

  private final NotificationLog log;
  private final DeliveryListener listener;
  private final String externalUrl;
  private final RetryPolicy retry;
  private final int failingThreshold;
  private final Clock clock;
  private final HttpSender sender;
  private final ScheduledThreadPoolExecutor delivery;

  /** Guards the groups; held for in-memory work only, so update() never waits on I/O. */
  private final Object lock = new Object();

  private final Map<GroupId, AggregationGroup> groups = new HashMap<>();

  /** Serialises ticks (the ticker's and a caller's) without holding up update(). */
  private final ReentrantLock ticking = new ReentrantLock();

  private final Map<String, ChannelHealth> health = new ConcurrentHashMap<>();
  private final AtomicReference<ScheduledExecutorService> ticker = new AtomicReference<>();

  private record GroupId(String channelId, String groupKey) {}

  private Dispatcher(Builder b) {
    this.log = b.log;
    this.listener = b.listener;
    this.externalUrl = b.externalUrl;
    this.retry = b.retry;
    this.failingThreshold = b.failingThreshold;
    this.clock = b.clock;
    this.sender = new HttpSender(b.httpTimeout);
    this.delivery = new ScheduledThreadPoolExecutor(b.deliveryThreads, daemon("alert-delivery"));
    // close() should not wait for retries minutes away; the log makes the next process resend.
    delivery.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    delivery.setRemoveOnCancelPolicy(true);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The current alerts of one group, after an evaluation: its firing alerts and the resolved ones
   * whose resolve may not have been sent yet. Returns at once; delivery happens on later ticks.
   */
  public void update(Channel channel, String groupKey, List<Alert> alerts, Instant now) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(channel.id(), "channel.id");
    Objects.requireNonNull(groupKey, "groupKey");
    GroupId id = new GroupId(channel.id(), groupKey);
    synchronized (lock) {
      AggregationGroup group = groups.get(id);
      if (group == null) {
        if (alerts.isEmpty()) {
          return; // nothing new, and nothing owed to a group this process does not hold
        }
        group = new AggregationGroup(channel, groupKey);
        groups.put(id, group);
      }
      group.update(channel, alerts, now);
    }
  }

  /** Flushes every group that is due at {@code now}. */
  public void tick(Instant now) {
    ticking.lock();
    try {
      loadLog();
      List<Notification> due = new ArrayList<>();
      synchronized (lock) {
        for (Iterator<AggregationGroup> it = groups.values().iterator(); it.hasNext(); ) {
          AggregationGroup group = it.next();
          if (!group.logLoaded() || group.inFlight()) {
            continue;
          }
          if (group.prune()) {
            it.remove();
            continue;
          }
          Notification n = group.flush(now);
          if (n != null) {
            due.add(n);
          }
        }
      }
      due.forEach(this::deliver);
    } finally {
      ticking.unlock();
    }
  }

  /** Ticks every second with the builder's clock until {@link #close()}. */
  public void start() {
    ScheduledExecutorService s =
        Executors.newSingleThreadScheduledExecutor(daemon("alert-dispatch"));
    if (!ticker.compareAndSet(null, s)) {
      s.shutdown();
      throw new IllegalStateException("already started");
    }
    s.scheduleWithFixedDelay(
        () -> {
          try {
            tick(clock.instant());
          } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "alert dispatch tick failed", e); // keep ticking
          }
        },
        1,
        1,
        TimeUnit.SECONDS);
  }

  /**
   * Stops ticking and delivering; pending retries are dropped (the log lets a successor resend).
   */
  @Override
  public void close() {
    ScheduledExecutorService s = ticker.getAndSet(null);
    if (s != null) {
      s.shutdownNow();
    }
    delivery.shutdown();
    try {
      if (!delivery.awaitTermination(5, TimeUnit.SECONDS)) {
        delivery.shutdownNow();
      }
    } catch (InterruptedException e) {
      delivery.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** The channel's recent delivery record; {@link ChannelHealth#UNKNOWN} before any attempt. */
  public ChannelHealth health(String channelId) {
    return health.getOrDefault(channelId, ChannelHealth.UNKNOWN);
  }

  /**
   * Sends one fake firing alert named {@value #TEST_ALERT_NAME} to {@code channel}, once, on the
   * caller's thread. It does not count towards the channel's health or the delivery history: it is
   * the user checking a configuration, not an alert.
   */
  public DeliveryResult sendTest(Channel channel, Instant now) {
    Alert test =
        new Alert(
            "test-" + channel.id(),
            true,
            Map.of("alertname", TEST_ALERT_NAME, "severity", "info"),
            Map.of("summary", "A test of channel " + channel.name() + "; no action needed."),
            Map.of(),
            now,
            null,
            externalUrl);
    Notification n = new Notification(channel, "test", List.of(test), List.of(test), now);
    OutgoingRequest request;
    try {
      request = NotificationRequests.build(n, externalUrl).get(0);
    } catch (IllegalArgumentException e) {
      return new DeliveryResult(DeliveryStatus.FAILED, null, e.getMessage());
    }
    Outcome o = send(request);
    return new DeliveryResult(o.ok ? DeliveryStatus.OK : DeliveryStatus.FAILED, o.status, o.error);
  }

  /** Whether no notification is being delivered (tests wait for this before counting). */
  boolean idle() {
    synchronized (lock) {
      return groups.values().stream().noneMatch(AggregationGroup::inFlight);
    }
  }

  /** Reads the log for groups seen for the first time, outside the lock (it may be a database). */
  private void loadLog() {
    List<AggregationGroup> unloaded;
    synchronized (lock) {
      unloaded = groups.values().stream().filter(g -> !g.logLoaded()).toList();
    }
    for (AggregationGroup g : unloaded) {
      Optional<NotificationLogEntry> entry;
      try {
        entry = log.last(g.channel.id(), g.key);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "notification log unreadable, will retry: " + e.getMessage());
        continue; // sending blind could repeat triggers; wait for the log instead
      }
      synchronized (lock) {
        g.logLoaded(entry.orElse(null));
      }
    }
  }

  private void deliver(Notification n) {
    List<OutgoingRequest> requests;
    try {
      requests = NotificationRequests.build(n, externalUrl);
    } catch (IllegalArgumentException e) {
      // A configuration error: no attempt can succeed, so report one failed attempt and stop.
      List<String> fps = n.alerts().stream().map(Alert::fingerprint).toList();
      report(n, fps, AlertmanagerWebhook.status(n.alerts()), 1, null, e.getMessage(), true);
      finished(n, false, e.getMessage());
      return;
    }
    if (requests.isEmpty()) {
      finished(n, true, null);
      return;
    }
    AtomicInteger remaining = new AtomicInteger(requests.size());
    AtomicBoolean allOk = new AtomicBoolean(true);
    AtomicReference<String> lastError = new AtomicReference<>();
    for (OutgoingRequest r : requests) {
      attempt(
          n,
          r,
          1,
          (ok, error) -> {
            if (!ok) {
              allOk.set(false);
              lastError.set(error);
            }
            if (remaining.decrementAndGet() == 0) {
              finished(n, allOk.get(), lastError.get());
            }
          });
    }
  }

  private interface Done {
    void done(boolean ok, String error);
  }

  private void attempt(Notification n, OutgoingRequest r, int attempt, Done done) {
    Runnable task =
        () -> {
          Outcome o = send(r);
          boolean retries = !o.ok && o.retryable && attempt < retry.maxAttempts();
          report(n, r.fingerprints(), r.kind(), attempt, o.status, o.ok ? null : o.error, !retries);
          if (o.ok) {
            done.done(true, null);
          } else if (retries) {
            attempt(n, r, attempt + 1, done);
          } else {
            done.done(false, o.error);
          }
        };
    try {
      if (attempt == 1) {
        delivery.execute(task);
      } else {
        Duration wait = retry.delayBefore(attempt);
        delivery.schedule(task, wait.toNanos(), TimeUnit.NANOSECONDS);
      }
    } catch (RejectedExecutionException e) {
      done.done(false, "dispatcher closed"); // close() dropped it; the log lets a successor resend
    }
  }

  private record Outcome(boolean ok, boolean retryable, Integer status, String error) {}

  /** One POST; 5xx, 429 and I/O errors are worth retrying, other answers are final. */
  private Outcome send(OutgoingRequest r) {
    try {
      HttpSender.Response response = sender.post(r.url(), r.body(), r.headers());
      int s = response.status();
      if (response.ok()) {
        return new Outcome(true, false, s, null);
      }
      String error = "HTTP " + s + (response.body().isEmpty() ? "" : ": " + response.body());
      return new Outcome(false, s >= 500 || s == 429, s, error);
    } catch (IOException e) {
      String what = e.getClass().getSimpleName();
      return new Outcome(
          false, true, null, e.getMessage() == null ? what : what + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(false, false, null, "interrupted");
    } catch (RuntimeException e) {
      return new Outcome(false, false, null, String.valueOf(e.getMessage()));
    }
  }

  private void report(
      Notification n,
      List<String> fingerprints,
      NotificationKind kind,
      int attempt,
      Integer httpStatus,
      String error,
      boolean last) {
    Instant at = clock.instant();
    Channel c = n.channel();
    health.compute(
        c.id(),
        (id, h) -> {
          h = h == null ? ChannelHealth.UNKNOWN : h;
          String lastError = error != null ? error : h.lastError();
          return new ChannelHealth(h.consecutiveFailures(), h.failing(), lastError, at);
        });
    DeliveryAttempt a =
        new DeliveryAttempt(
            c.id(),
            c.name(),
            n.groupKey(),
            fingerprints,
            kind,
            attempt,
            error == null ? DeliveryStatus.OK : DeliveryStatus.FAILED,
            httpStatus,
            error,
            at,
            last);
    try {
      listener.attempted(a);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "delivery listener failed", e);
    }
  }

  /** A whole notification is done: count it for the channel's health and remember success. */
  private void finished(Notification n, boolean ok, String error) {
    Channel c = n.channel();
    if (ok) {
      try {
        log.record(c.id(), n.groupKey(), n.logEntry());
      } catch (RuntimeException e) {
        // Memory still knows; only a restart before the next success would repeat it.
        LOG.log(Level.WARNING, "notification log write failed: " + e.getMessage());
      }
    }
    health.compute(
        c.id(),
        (id, h) -> {
          h = h == null ? ChannelHealth.UNKNOWN : h;
          if (ok) {
            return new ChannelHealth(0, false, null, h.lastAttemptAt());
          }
          int failures = h.consecutiveFailures() + 1;
          return new ChannelHealth(
              failures, failures >= failingThreshold, error, h.lastAttemptAt());
        });
    synchronized (lock) {
      AggregationGroup g = groups.get(new GroupId(c.id(), n.groupKey()));
      if (g != null) {
        g.flushed(n, ok);
      }
    }
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Dispatcher settings; every one has a default. */
  public static final class Builder {
    private NotificationLog log = new InMemoryNotificationLog();
    private DeliveryListener listener = DeliveryListener.NONE;
    private String externalUrl;
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private int failingThreshold = 3;
    private Clock clock = Clock.systemUTC();
    private Duration httpTimeout = HttpSender.DEFAULT_TIMEOUT;
    private int deliveryThreads = 4;

    private Builder() {}

    /** Where each group's last notification is kept; default in memory. */
    public Builder notificationLog(NotificationLog log) {
      this.log = Objects.requireNonNull(log);
      return this;
    }

    public Builder listener(DeliveryListener listener) {
      this.listener = Objects.requireNonNull(listener);
      return this;
    }

    /**
     * Boxscore's UI base URL: makes alerts' relative links absolute, and PagerDuty's client_url.
     */
    public Builder externalUrl(String externalUrl) {
      this.externalUrl = externalUrl;
      return this;
    }

    public Builder retryPolicy(RetryPolicy retry) {
      this.retry = Objects.requireNonNull(retry);
      return this;
    }

    /** Failed notifications in a row after which a channel is failing; default 3. */
    public Builder failingThreshold(int failingThreshold) {
      if (failingThreshold < 1) {
        throw new IllegalArgumentException("failingThreshold: must be at least 1");
      }
      this.failingThreshold = failingThreshold;
      return this;
    }

    /** Times attempts, and drives {@link Dispatcher#start()}; default the system's UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** Connect and request timeout of each attempt; default 10 s. */
    public Builder httpTimeout(Duration httpTimeout) {
      this.httpTimeout = Objects.requireNonNull(httpTimeout);
      return this;
    }

    /** Parallel requests; a hung receiver holds one for up to the timeout. Default 4. */
    public Builder deliveryThreads(int deliveryThreads) {
      if (deliveryThreads < 1) {
        throw new IllegalArgumentException("deliveryThreads: must be at least 1");
      }
      this.deliveryThreads = deliveryThreads;
      return this;
    }

    public Dispatcher build() {
      return new Dispatcher(this);
    }
  }
}
