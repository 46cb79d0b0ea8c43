package dev.boxscore.model.pricing;

import dev.boxscore.model.LlmCall;
import dev.boxscore.model.TokenUsage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Model prices and cost computation. An unknown model has no price (empty), never a price of zero:
 * the UI shows such calls as "unpriced".
 *
 * <p>Lookup ({@link #find}): the model id is normalized (see the rules below) and matched against
 * family patterns. Prices of the given provider are tried first; if none matches, list prices of
 * the model maker ({@link ModelPrice#anyProvider()}) are tried, so Claude on Bedrock or GPT-4o on
 * Azure are priced at list. Among matches the longest (most specific) pattern wins, and among its
 * prices the one with the latest {@code effectiveFrom} on or before the call's day (UTC).
 *
 * <p>Model ids: lower-cased; a path is dropped ({@code openai/gpt-4o}, {@code
 * models/gemini-1.5-pro}); Bedrock region and vendor prefixes are dropped ({@code
 * us.anthropic.claude-...}); dots become dashes. A pattern matches ids that continue only with
 * dates, short version numbers, {@code -v2:0}, {@code -latest}, {@code -preview} and similar, so
 * {@code gpt-4o} never prices {@code gpt-4o-mini}.
 *
 * <p>Immutable and thread-safe.
 */
public final class PriceCatalog {

  private static final String BUILT_IN_RESOURCE = "/dev/boxscore/model/pricing/model-prices.json";

  private static volatile PriceCatalog builtIn;

  private final List<Entry> entries;

  /**
   * The entries whose pattern matches a normalized model id: matching is the costly part of a
   * lookup, and analytics price thousands of rows of a handful of models per question. Bounded, as
   * model names come from clients.
   */
  private final Map<String, List<Entry>> matchingByModel = new ConcurrentHashMap<>();

  /** Looked up when no price of this catalog applies; null for none. */
  private final PriceCatalog fallback;

  private static final int MAX_CACHED_MODELS = 4096;

  private record Entry(ModelPrice price, String normalizedPattern, String provider) {}

  private PriceCatalog(Collection<ModelPrice> prices) {
    this(prices, null);
  }

  private PriceCatalog(Collection<ModelPrice> prices, PriceCatalog fallback) {
    this.fallback = fallback;
    List<Entry> list = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ModelPrice price : prices) {
      Entry entry =
          new Entry(
              price,
              ModelNames.normalize(price.modelPattern()),
              price.provider().trim().toLowerCase(Locale.ROOT));
      // Two prices for one family on one day would make the lookup depend on file order.
      if (!seen.add(
          entry.provider() + " " + entry.normalizedPattern() + " " + price.effectiveFrom())) {
        throw new IllegalArgumentException(
            "duplicate price for provider "
                + price.provider()
                + ", model "
                + price.modelPattern()
                + ", effectiveFrom "
                + price.effectiveFrom());
      }
      list.add(entry);
    }
    this.entries = List.copyOf(list);
  }

  /** The price table shipped with Boxscore (resource {@value #BUILT_IN_RESOURCE}), loaded once. */
  public static PriceCatalog builtIn() {
    PriceCatalog catalog = builtIn;
    if (catalog == null) {
      synchronized (PriceCatalog.class) {
        catalog = builtIn;
        if (catalog == null) {
          try (InputStream in = PriceCatalog.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
            if (in == null) {
              throw new IllegalStateException("missing resource " + BUILT_IN_RESOURCE);
            }
            catalog = new PriceCatalog(PriceListJson.read(in));
          } catch (IOException e) {
            throw new UncheckedIOException("reading " + BUILT_IN_RESOURCE, e);
          }
          builtIn = catalog;
        }
      }
    }
    return catalog;
  }

  /**
   * A catalog of the given prices (e.g. the built-in ones plus more).
   *
   * @throws IllegalArgumentException when two prices share provider, family and effective date
   */
  public static PriceCatalog of(Collection<ModelPrice> prices) {
    return new PriceCatalog(List.copyOf(prices));
  }

  /**
   * A catalog of prices in the built-in file's JSON format (see {@link PriceListJson}).
   *
   * @throws IllegalArgumentException naming the entry and field when the content is invalid
   */
  public static PriceCatalog fromJson(InputStream json) throws IOException {
    return new PriceCatalog(PriceListJson.read(json));
  }

  /**
   * This catalog with a project's own prices in front: a call is priced by the project's prices
   * when one of them applies (matching family, effective on or before the call's day), else by this
   * catalog. So a project price overrides a built-in one from its effective day on, and earlier
   * calls keep the built-in price.
   *
   * @throws IllegalArgumentException when two of {@code projectPrices} share provider, family and
   *     effective date
   */
  public PriceCatalog overriddenBy(Collection<ModelPrice> projectPrices) {
    return projectPrices.isEmpty() ? this : new PriceCatalog(List.copyOf(projectPrices), this);
  }

  /** Every price in the catalog. */
  public List<ModelPrice> prices() {
    return entries.stream().map(Entry::price).toList();
  }

  /**
   * The price of {@code model} served by {@code provider} that applies at {@code at}; empty when
   * the model is unknown or had no price yet at that time.
   *
   * @param provider a {@code gen_ai.provider.name} value; may be null (then only list prices apply)
   * @param model a model id as reported (dated, prefixed, any case); null gives empty
   * @param at when the call happened
   */
  public Optional<ModelPrice> find(String provider, String model, Instant at) {
    if (model == null || model.isBlank() || at == null) {
      return Optional.empty();
    }
    String id = ModelNames.normalize(model);
    LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
    String providerName = provider == null ? null : provider.trim().toLowerCase(Locale.ROOT);
    Optional<ModelPrice> own =
        best(id, day, e -> providerName != null && e.provider().equals(providerName));
    Optional<ModelPrice> found =
        own.isPresent() ? own : best(id, day, e -> e.price().anyProvider());
    return found.isPresent() || fallback == null ? found : fallback.find(provider, model, at);
  }

  /**
   * Who could serve {@code model} at {@code at} and at what price: the best price of each provider
   * that has one, from the first layer that prices the model at all (a project's own prices before
   * the catalog they override, so a project that priced the model itself is answered by its own
   * prices alone). Ordered by provider.
   */
  public List<ModelPrice> offers(String model, Instant at) {
    if (model == null || model.isBlank() || at == null) {
      return List.of();
    }
    String id = ModelNames.normalize(model);
    LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
    Map<String, ModelPrice> byProvider = new TreeMap<>();
    for (Entry e : matching(id)) {
      if (!e.price().effectiveFrom().isAfter(day)) {
        byProvider.putIfAbsent(
            e.provider(), best(id, day, o -> o.provider().equals(e.provider())).orElseThrow());
      }
    }
    if (byProvider.isEmpty() && fallback != null) {
      return fallback.offers(model, at);
    }
    return List.copyOf(byProvider.values());
  }

  /**
   * True when {@code price} is one of the prices put in front of another catalog (a project's own
   * price).
   */
  public boolean isOverride(ModelPrice price) {
    return fallback != null && entries.stream().anyMatch(e -> e.price().equals(price));
  }

  /**
   * Cost of a normalized call at {@code at}: priced by its response model, else its request model.
   * Empty when usage was not reported or no price is known.
   */
  public Optional<BigDecimal> cost(LlmCall call, Instant at) {
    if (call == null || !call.usage().reported()) {
      return Optional.empty();
    }
    Optional<BigDecimal> byResponse = cost(call.provider(), call.responseModel(), call.usage(), at);
    return byResponse.isPresent()
        ? byResponse
        : cost(call.provider(), call.requestModel(), call.usage(), at);
  }

  /**
   * Exact cost in USD (see {@link ModelPrice#cost}); empty when usage is unreported or the model
   * unpriced.
   */
  public Optional<BigDecimal> cost(String provider, String model, TokenUsage usage, Instant at) {
    if (usage == null || !usage.reported()) {
      return Optional.empty();
    }
    return find(provider, model, at).map(price -> price.cost(usage));
  }

  private Optional<ModelPrice> best(String id, LocalDate day, Predicate<Entry> scope) {
    return matching(id).stream()
        .filter(scope)
        .filter(e -> !e.price().effectiveFrom().isAfter(day))
        .max(
            Comparator.<Entry>comparingInt(e -> e.normalizedPattern().length())
                .thenComparing(e -> e.price().effectiveFrom()))
        .map(Entry::price);
  }

  private List<Entry> matching(String id) {
    List<Entry> cached = matchingByModel.get(id);
    if (cached != null) {
      return cached;
    }
    List<Entry> found =
        entries.stream().filter(e -> ModelNames.matches(e.normalizedPattern(), id)).toList();
    if (matchingByModel.size() < MAX_CACHED_MODELS) {
      matchingByModel.put(id, found);
    }
    return found;
  }
}
