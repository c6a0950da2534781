#include "search_store.hpp"

#include "money.hpp"
#include "product_store.hpp"
#include "sql_array.hpp"

namespace emporium::catalog {
namespace {

// How many of the best text matches the name similarity re-ranks: trigram
// similarity costs more per row than the whole text match, and only the
// first pages need it.
constexpr long long kReranked = 100;

// :words is a text[] of the query's words (letters and digits only, so
// nothing in them is a tsquery operator). A word is widened only when no
// known word starts with it (the range reads the C-collated primary key).
const std::string kQuery =
    ", term AS ("
    " SELECT t.word, t.ord FROM unnest(CAST(:words AS text[])) WITH ORDINALITY AS t(word, ord)"
    "), alternative AS ("
    " SELECT term.ord, term.word || ':*' AS alternative FROM term"
    " UNION"
    " SELECT term.ord, fix.word FROM term CROSS JOIN LATERAL ("
    "  SELECT known.word FROM catalog.search_words known"
    "   WHERE length(term.word) >= 3"
    "     AND NOT EXISTS (SELECT 1 FROM catalog.search_words prefix"
    "                      WHERE prefix.word >= term.word AND prefix.word < term.word || chr(1114111))"
    "     AND known.word OPERATOR(public.%) term.word"
    "   ORDER BY public.similarity(known.word, term.word) DESC, known.word LIMIT 3) fix"
    "), query AS ("
    " SELECT to_tsquery('english', string_agg('(' || alternatives || ')', ' & ' ORDER BY ord)) AS tsquery"
    " FROM (SELECT ord, string_agg(alternative, ' | ') AS alternatives FROM alternative GROUP BY ord) per_term"
    ") ";

// Every match with what the sorts need, from the products table alone.
const std::string kMatches =
    ", matches AS MATERIALIZED ("
    " SELECT p.id, p.name, p.price, p.created_at, p.rating_hundredths, p.review_count,"
    "  ts_rank('{0.05, 0.2, 0.4, 1.0}', p.search_document, query.tsquery) AS text_rank"
    " FROM query, catalog.products p"
    " WHERE p.status = 'active' AND p.search_document @@ query.tsquery"
    " AND (:category = '' OR p.category_id IN (SELECT id FROM subtree))"
    " AND p.price >= :price_min AND p.price <= :price_max"
    ") ";

// The best text matches (among equals, the shortest names: the closest to
// the query) also count the name's similarity to the query, and rank above
// the rest (+1: a text rank never exceeds a better one by 1).
const std::string kRanked =
    ", ranked AS ("
    " SELECT m.*, count(*) OVER () AS total,"
    "  CASE WHEN row_number() OVER (ORDER BY m.text_rank DESC, length(m.name), m.id) <= :reranked"
    "   THEN 1 + m.text_rank + public.similarity(lower(m.name), :text) ELSE m.text_rank END AS rank"
    " FROM matches m"
    ") ";

}  // namespace

Paged<ProductSummary> SearchStore::search(const SearchQuery& query) {
  const std::string words = pg_text_array(query.words), text = query.text();
  const std::string category_slug = query.category, category_id = query.category;
  long long price_min = query.price_min.value_or(0), price_max = query.price_max.value_or(kMaxAmountMinor);
  long long limit = query.page.per_page, offset = query.page.offset(), reranked = kReranked;
  // A query of stop words only ("the") is no error: it finds nothing, without
  // PostgreSQL's notice on stderr.
  tx_.sql() << "SET LOCAL client_min_messages = warning";
  // One page of ranked ids first; the summary columns are read for that page only.
  soci::rowset<soci::row> rows =
      (tx_.sql().prepare << kCategorySubtree + kQuery + kMatches + kRanked +
                                ", page AS (SELECT r.id, r.total, r.rank FROM ranked r" + order_by(query.sort, "r") +
                                " LIMIT :limit OFFSET :offset) "
                                "SELECT " + kSummaryColumns + ", page.total"
                                " FROM page JOIN catalog.products p ON p.id = page.id"
                                " LEFT JOIN catalog.categories c ON c.id = p.category_id" +
                                order_by(query.sort, query.sort == SortOrder::relevance ? "page" : "p"),
       soci::use(category_slug, "category_slug"), soci::use(category_id, "category_id"), soci::use(words, "words"),
       soci::use(query.category, "category"), soci::use(price_min, "price_min"), soci::use(price_max, "price_max"),
       soci::use(reranked, "reranked"), soci::use(text, "text"), soci::use(limit, "limit"),
       soci::use(offset, "offset"));
  Paged<ProductSummary> page;
  long long total = 0;
  for (const auto& row : rows) {
    page.items.push_back(read_summary(row));
    total = row.get<long long>(10);
  }
  if (page.items.empty() && offset > 0) {
    // Past the last page: the total still matters to the client.
    tx_.sql() << kCategorySubtree + kQuery + kMatches + "SELECT count(*) FROM matches",
        soci::use(category_slug, "category_slug"), soci::use(category_id, "category_id"), soci::use(words, "words"),
        soci::use(query.category, "category"), soci::use(price_min, "price_min"), soci::use(price_max, "price_max"),
        soci::into(total);
  }
  page.total = total;
  return page;
}

}  // namespace emporium::catalog
