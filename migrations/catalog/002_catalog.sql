-- Categories, products with their variants, reviews, the catalog's own copy
-- of stock per variant, purchases (for verified reviews) and full-text search.
-- Ids are opaque: a kind prefix and 20 hex digits of a random uuid's digest.

CREATE FUNCTION catalog.new_id(prefix text) RETURNS text
  LANGUAGE sql VOLATILE PARALLEL SAFE
  RETURN prefix || substr(md5(gen_random_uuid()::text), 1, 20);

CREATE FUNCTION catalog.rfc3339(t timestamptz) RETURNS text
  LANGUAGE sql STABLE STRICT PARALLEL SAFE
  RETURN to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');

CREATE TABLE catalog.categories (
  id text PRIMARY KEY DEFAULT catalog.new_id('cat_'),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 64),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  parent_id text REFERENCES catalog.categories (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX categories_parent_idx ON catalog.categories (parent_id);

CREATE TABLE catalog.products (
  id text PRIMARY KEY DEFAULT catalog.new_id('prod_'),
  seller_id text NOT NULL,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  category_id text REFERENCES catalog.categories (id),
  -- The product's own SKU: its default variant's, or the base of its variants' (may be NULL then).
  sku text,
  images jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(images) = 'array'),
  attributes jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attributes) = 'object'),
  options jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(options) = 'array'),
  currency text NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
  -- The lowest variant price in minor units, kept with the variants.
  price bigint NOT NULL DEFAULT 0 CHECK (price >= 0),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
  -- Kept in the transaction that adds a review: rating is round(100 * rating_sum / review_count).
  rating_sum bigint NOT NULL DEFAULT 0,
  review_count int NOT NULL DEFAULT 0,
  rating_hundredths int NOT NULL DEFAULT 0 CHECK (rating_hundredths BETWEEN 0 AND 500),
  -- Sum of the variants' available stock, from inventory.stock_changed.
  stock_available bigint NOT NULL DEFAULT 0,
  -- Name (A), category name (B) and description (C); kept by a trigger because
  -- the category name lives in another table.
  search_document tsvector NOT NULL DEFAULT ''::tsvector,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Lists show active products only; one index per sort order.
CREATE INDEX products_newest_idx ON catalog.products (created_at DESC, id DESC) WHERE status = 'active';
CREATE INDEX products_price_idx ON catalog.products (price, id) WHERE status = 'active';
CREATE INDEX products_rating_idx ON catalog.products (rating_hundredths DESC, review_count DESC, id)
  WHERE status = 'active';
CREATE INDEX products_name_idx ON catalog.products (lower(name), id) WHERE status = 'active';
CREATE INDEX products_category_idx ON catalog.products (category_id);
CREATE INDEX products_seller_idx ON catalog.products (seller_id, created_at DESC);
CREATE INDEX products_search_idx ON catalog.products USING gin (search_document);

CREATE TABLE catalog.variants (
  id text PRIMARY KEY DEFAULT catalog.new_id('var_'),
  product_id text NOT NULL REFERENCES catalog.products (id) ON DELETE CASCADE,
  sku text NOT NULL CHECK (length(sku) BETWEEN 1 AND 64),
  -- {"Size": "M", "Colour": "Red"}; {} for a product's default variant.
  options jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(options) = 'object'),
  price bigint NOT NULL CHECK (price >= 0),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  weight_grams int NOT NULL DEFAULT 0 CHECK (weight_grams >= 0),
  position int NOT NULL DEFAULT 0,
  -- The catalog's copy of the inventory's available stock (all warehouses).
  available bigint NOT NULL DEFAULT 0,
  stock_as_of timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (product_id, options),
  -- Checked at commit, so an edit may swap the SKUs of two variants.
  CONSTRAINT variants_sku_key UNIQUE (sku) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX variants_product_idx ON catalog.variants (product_id, position);

CREATE TABLE catalog.reviews (
  id text PRIMARY KEY DEFAULT catalog.new_id('rev_'),
  product_id text NOT NULL REFERENCES catalog.products (id),
  -- NULL once the author erased their account (the review stays, anonymised).
  user_id text,
  author_name text,
  rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  title text NOT NULL DEFAULT '',
  body text NOT NULL DEFAULT '',
  verified_purchase boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (product_id, user_id)
);
CREATE INDEX reviews_product_idx ON catalog.reviews (product_id, created_at DESC, id);
CREATE INDEX reviews_user_idx ON catalog.reviews (user_id);

-- Who bought what: the catalog's own copy, fed by the order module's events,
-- so that a review knows whether its author bought the product.
CREATE TABLE catalog.purchases (
  user_id text NOT NULL,
  product_id text NOT NULL,
  purchased_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, product_id)
);

-- Every word of product and category names, for spelling correction: a
-- query word that starts no known word is widened to the known words most
-- similar to it (trigram similarity).
CREATE TABLE catalog.search_words (
  word text COLLATE "C" PRIMARY KEY
);
CREATE INDEX search_words_trgm_idx ON catalog.search_words USING gin (word public.gin_trgm_ops);

CREATE FUNCTION catalog.words_of(text) RETURNS SETOF text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  SELECT word FROM regexp_split_to_table(lower($1), '[^[:alnum:]]+') AS word WHERE length(word) >= 3;
END;

CREATE FUNCTION catalog.product_search_document(name text, category_id text, description text) RETURNS tsvector
  LANGUAGE sql STABLE PARALLEL SAFE
  RETURN setweight(to_tsvector('english', coalesce(name, '')), 'A')
      || setweight(to_tsvector('english', coalesce((SELECT c.name FROM catalog.categories c WHERE c.id = category_id), '')), 'B')
      || setweight(to_tsvector('english', coalesce(description, '')), 'C');

CREATE FUNCTION catalog.products_search_document_trigger() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_document := catalog.product_search_document(NEW.name, NEW.category_id, NEW.description);
  RETURN NEW;
END
$$;
CREATE TRIGGER products_search_document BEFORE INSERT OR UPDATE OF name, description, category_id
  ON catalog.products FOR EACH ROW EXECUTE FUNCTION catalog.products_search_document_trigger();

-- Statement level on insert, so a bulk load adds its words in one go.
CREATE FUNCTION catalog.inserted_names_search_words_trigger() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO catalog.search_words (word)
  SELECT DISTINCT w FROM inserted, catalog.words_of(inserted.name) AS w
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
CREATE TRIGGER products_search_words_insert AFTER INSERT ON catalog.products
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT
  EXECUTE FUNCTION catalog.inserted_names_search_words_trigger();
CREATE TRIGGER categories_search_words_insert AFTER INSERT ON catalog.categories
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT
  EXECUTE FUNCTION catalog.inserted_names_search_words_trigger();

CREATE FUNCTION catalog.renamed_search_words_trigger() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO catalog.search_words (word) SELECT w FROM catalog.words_of(NEW.name) AS w ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
CREATE TRIGGER products_search_words_update AFTER UPDATE OF name ON catalog.products
  FOR EACH ROW EXECUTE FUNCTION catalog.renamed_search_words_trigger();
CREATE TRIGGER categories_search_words_update AFTER UPDATE OF name ON catalog.categories
  FOR EACH ROW EXECUTE FUNCTION catalog.renamed_search_words_trigger();

-- A renamed category changes the documents of its products.
CREATE FUNCTION catalog.category_renamed_trigger() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  UPDATE catalog.products
     SET search_document = catalog.product_search_document(name, category_id, description)
   WHERE category_id = NEW.id;
  RETURN NULL;
END
$$;
CREATE TRIGGER categories_renamed AFTER UPDATE OF name ON catalog.categories
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION catalog.category_renamed_trigger();
