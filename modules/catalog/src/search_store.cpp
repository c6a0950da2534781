#include "search_store.hpp"

#include "money.hpp"
#include "product_store.hpp"
#include "sql_array.hpp"

namespace emporium::catalog {
namespace {

// :words is a text[] of the query's words (letters and digits only, so
// nothing in them is a tsquery operator).
const std::string kQuery =
    ", term AS ("
    " SELECT t.word, t.ord FROM unnest(CAST(:words AS text[])) WITH ORDINALITY AS t(word, ord)"
    "), alternative AS ("
    " SELECT term.ord, term.word || ':*' AS alternative FROM term"
    " UNION"
    " SELECT term.ord, fix.word FROM term CROSS JOIN LATERAL ("
    "  SELECT known.word FROM catalog.search_words known"
    "   WHERE length(term.word) >= 3"
    "     AND NOT EXISTS (SELECT 1 FROM catalog.search_words prefix WHERE prefix.word LIKE term.word || '%')"
    "     AND known.word OPERATOR(public.%) term.word"
    "   ORDER BY public.similarity(known.word, term.word) DESC, known.word LIMIT 3) fix"
    "), query AS ("
    " SELECT to_tsquery('english', string_agg('(' || alternatives || ')', ' & ' ORDER BY ord)) AS tsquery"
    " FROM (SELECT ord, string_agg(alternative, ' | ') AS alternatives FROM alternative GROUP BY ord) per_term"
    ") ";

const std::string kMatches =
    " FROM query, catalog.products p LEFT JOIN catalog.categories c ON c.id = p.category_id"
    " WHERE p.status = 'active' AND p.search_document @@ query.tsquery"
    " AND (:category = '' OR p.category_id IN (SELECT id FROM subtree))"
    " AND p.price >= :price_min AND p.price <= :price_max";

const std::string kRank =
    "ts_rank('{0.05, 0.2, 0.4, 1.0}', p.search_document, query.tsquery) + public.similarity(lower(p.name), :text)";

}  // namespace

Paged<ProductSummary> SearchStore::search(const SearchQuery& query) {
  const std::string words = pg_text_array(query.words), text = query.text();
  const std::string category_slug = query.category, category_id = query.category;
  long long price_min = query.price_min.value_or(0), price_max = query.price_max.value_or(kMaxAmountMinor);
  long long limit = query.page.per_page, offset = query.page.offset();
  // A query of stop words only ("the") is no error: it finds nothing, without
  // PostgreSQL's notice on stderr.
  tx_.sql() << "SET LOCAL client_min_messages = warning";
  soci::rowset<soci::row> rows =
      (tx_.sql().prepare << kCategorySubtree + kQuery + "SELECT " + kSummaryColumns + ", count(*) OVER (), " + kRank +
                                " AS rank" + kMatches + order_by(query.sort) + " LIMIT :limit OFFSET :offset",
       soci::use(category_slug, "category_slug"), soci::use(category_id, "category_id"), soci::use(words, "words"),
       soci::use(text, "text"), soci::use(query.category, "category"), soci::use(price_min, "price_min"),
       soci::use(price_max, "price_max"), soci::use(limit, "limit"), soci::use(offset, "offset"));
  Paged<ProductSummary> page;
  long long total = 0;
  for (const auto& row : rows) {
    page.items.push_back(read_summary(row));
    total = row.get<long long>(10);
  }
  if (page.items.empty() && offset > 0) {
    // Past the last page: the total still matters to the client.
    tx_.sql() << kCategorySubtree + kQuery + "SELECT count(*)" + kMatches, soci::use(category_slug, "category_slug"),
        soci::use(category_id, "category_id"), soci::use(words, "words"), soci::use(query.category, "category"),
        soci::use(price_min, "price_min"), soci::use(price_max, "price_max"), soci::into(total);
  }
  page.total = total;
  return page;
}

}  // namespace emporium::catalog
