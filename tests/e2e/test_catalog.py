"""The catalog against the real binary: categories, products with variants,
ownership and archiving, lists, search relevance, reviews, the response
cache and its invalidation, stock from the inventory, GDPR, and
`emporium seed`."""

import time
import unittest
import urllib.parse

from emporium_server import DataDir, EmporiumServer, run_cli
from shop_client import poll, unique
from user_client import FAST_ENV, SharedServerTestCase, UserApi, assert_problem, start_shared_server, stop_shared_server

# Many requests from one address: the default rate limit is lifted here.
CATALOG_ENV = {"EMPORIUM_RATE_LIMITS_DEFAULT_PER_SECOND": "10000", "EMPORIUM_RATE_LIMITS_DEFAULT_BURST": "10000"}
SUMMARY_FIELDS = {"id", "name", "price", "currency", "category", "category_name", "rating", "review_count",
                  "image_url", "in_stock"}
DETAIL_FIELDS = SUMMARY_FIELDS | {"status", "description", "sku", "images", "attributes", "seller_id", "stock",
                                  "options", "variants", "created_at", "updated_at"}


def setUpModule():
    start_shared_server(CATALOG_ENV)
    CatalogCase.setup_shared()


def tearDownModule():
    stop_shared_server()


class CatalogCase(SharedServerTestCase):
    shared = {}

    @classmethod
    def setup_shared(cls):
        api = UserApi(cls.shared_server())
        for role, key in (("seller", "seller"), ("seller", "other_seller"), ("admin", "admin"),
                          ("customer", "customer")):
            cls.shared[key] = api.user_of_role(role)
        admin_token = cls.shared["admin"][1]
        root = cls.create_category(api, admin_token, unique("e2e-electronics"), "E2E Electronics")
        child = cls.create_category(api, admin_token, unique("e2e-audio"), "E2E Audio", root["id"])
        cls.shared["root"], cls.shared["child"] = root, child

    @staticmethod
    def create_category(api, token, slug, name, parent_id=None):
        body = {"slug": slug, "name": name}
        if parent_id:
            body["parent_id"] = parent_id
        status, _, created = api.call("POST", "/categories", body, token=token)
        assert status == 201, created
        return created

    def token(self, key):
        return self.shared[key][1]

    def user_id(self, key):
        return self.shared[key][0]

    def create(self, name=None, token_key="seller", **fields):
        body = {"name": name or unique("Gadget"), "price": 19.99}
        body.update(fields)
        status, _, created = self.api.call("POST", "/products", body, token=self.token(token_key))
        self.assertEqual(status, 201, created)
        return created

    def get(self, path, token_key=None):
        return self.api.call("GET", path, token=self.token(token_key) if token_key else None)


class Categories(CatalogCase):
    def test_tree_lists_children_under_parents(self):
        status, _, tree = self.get("/categories")
        self.assertEqual(status, 200)
        root = next(node for node in tree if node["id"] == self.shared["root"]["id"])
        self.assertEqual(root["parent_id"], None)
        self.assertEqual([child["id"] for child in root["children"]], [self.shared["child"]["id"]])
        self.assertEqual(root["children"][0]["parent_id"], root["id"])
        self.assertEqual(root["children"][0]["children"], [])

    def test_admin_changes_the_tree_and_the_rules_hold(self):
        admin = self.token("admin")
        top = self.create_category(self.api, admin, unique("top"), "Top")
        leaf = self.create_category(self.api, admin, unique("leaf"), "Leaf", top["id"])
        assert_problem(self, self.api.call("POST", "/categories", {"slug": top["slug"], "name": "Again"}, token=admin),
                       409, "slug_taken")
        problem = assert_problem(self, self.api.call("POST", "/categories", {"slug": "Bad Slug", "name": "",
                                                                             "colour": "red"}, token=admin),
                                 422, "validation_failed")
        self.assertEqual(sorted(e["field"] for e in problem["errors"]), ["colour", "name", "slug"])
        problem = assert_problem(self, self.api.call("PUT", f"/categories/{top['id']}",
                                                     {"slug": top["slug"], "name": "Top", "parent_id": leaf["id"]},
                                                     token=admin), 422, "validation_failed")
        self.assertEqual(problem["errors"][0]["field"], "parent_id")
        status, _, renamed = self.api.call("PUT", f"/categories/{leaf['id']}",
                                           {"slug": leaf["slug"], "name": "Renamed"}, token=admin)
        self.assertEqual((status, renamed["name"], renamed["parent_id"]), (200, "Renamed", None))
        self.create(category=leaf["slug"])
        assert_problem(self, self.api.call("DELETE", f"/categories/{leaf['id']}", token=admin), 409,
                       "category_not_empty")
        self.assertEqual(self.api.call("DELETE", f"/categories/{top['id']}", token=admin)[0], 204)
        assert_problem(self, self.api.call("DELETE", f"/categories/{top['id']}", token=admin), 404, "not_found")
        assert_problem(self, self.api.call("PUT", "/categories/cat_nope", {"slug": "nope", "name": "N"}, token=admin),
                       404, "not_found")

    def test_only_admins_change_categories(self):
        body = {"slug": unique("denied"), "name": "Denied"}
        assert_problem(self, self.api.call("POST", "/categories", body), 401, "unauthenticated")
        assert_problem(self, self.api.call("POST", "/categories", body, token=self.token("seller")), 403, "forbidden")
        target = f"/categories/{self.shared['child']['id']}"
        assert_problem(self, self.api.call("PUT", target, body, token=self.token("customer")), 403, "forbidden")
        assert_problem(self, self.api.call("DELETE", target, token=self.token("seller")), 403, "forbidden")


class Products(CatalogCase):
    def test_create_returns_the_detail_with_a_default_variant(self):
        status, headers, product = self.api.call(
            "POST", "/products",
            {"name": "Plain Mug", "description": "Stoneware.", "price": 12.5, "currency": "eur", "sku": unique("MUG"),
             "category": self.shared["child"]["slug"], "image_url": "https://cdn.example.com/mug.jpg",
             "attributes": {"volume_ml": 350, "dishwasher_safe": True}, "weight_grams": 420},
            token=self.token("seller"))
        self.assertEqual(status, 201, product)
        self.assertEqual(headers["Location"], f"/api/v1/products/{product['id']}")
        self.assertEqual(set(product), DETAIL_FIELDS)
        self.assertRegex(product["id"], r"^prod_[0-9a-f]{20}$")
        self.assertEqual((product["price"], product["currency"], product["status"]), (12.5, "EUR", "active"))
        self.assertEqual((product["category"], product["category_name"]), (self.shared["child"]["slug"], "E2E Audio"))
        self.assertEqual(product["images"], ["https://cdn.example.com/mug.jpg"])
        self.assertEqual(product["image_url"], "https://cdn.example.com/mug.jpg")
        self.assertEqual(product["attributes"], {"volume_ml": 350, "dishwasher_safe": True})
        self.assertEqual(product["seller_id"], self.user_id("seller"))
        self.assertEqual((product["rating"], product["review_count"], product["in_stock"]), (0, 0, False))
        self.assertEqual(product["stock"], {"available": 0})
        self.assertEqual(product["options"], [])
        [variant] = product["variants"]
        self.assertEqual((variant["sku"], variant["options"], variant["price"], variant["currency"],
                          variant["weight_grams"], variant["stock"]),
                         (product["sku"], {}, 12.5, "EUR", 420, {"available": 0}))
        status, _, fetched = self.get(f"/products/{product['id']}")
        self.assertEqual(status, 200)
        self.assertEqual(fetched, product)

    def test_options_make_a_variant_per_combination_and_price_is_the_lowest(self):
        sku = unique("TEE")
        product = self.create(sku=sku, options=[{"name": "Size", "values": ["S", "M"]},
                                                {"name": "Colour", "values": ["Red", "Blue"]}])
        self.assertEqual([v["sku"] for v in product["variants"]],
                         [f"{sku}-S-RED", f"{sku}-S-BLUE", f"{sku}-M-RED", f"{sku}-M-BLUE"])
        self.assertEqual(product["variants"][3]["options"], {"Size": "M", "Colour": "Blue"})
        explicit = self.create(options=[{"name": "Size", "values": ["S", "XL"]}],
                               variants=[{"sku": unique("A"), "options": {"Size": "S"}, "price": 30},
                                         {"sku": unique("B"), "options": {"Size": "XL"}, "price": 34.99}])
        self.assertEqual(explicit["price"], 30)
        self.assertEqual([v["price"] for v in explicit["variants"]], [30, 34.99])

    def test_validation_lists_every_bad_field(self):
        problem = assert_problem(self, self.api.call(
            "POST", "/products",
            {"price": "cheap", "currency": "JPY", "image_url": "javascript:alert(1)", "images": ["ftp://x"],
             "weight_grams": -1, "colour": "red", "sku": "has space", "attributes": [1],
             "options": [{"name": "Size", "values": ["S", "S"]}],
             "variants": [{"sku": "V1", "options": {"Size": "L"}, "price": 1.234, "bogus": 1}]},
            token=self.token("seller")), 422, "validation_failed")
        self.assertEqual(sorted(e["field"] for e in problem["errors"]),
                         ["attributes", "colour", "currency", "image_url", "images[0]", "name", "price", "sku",
                          "variants[0].bogus", "variants[0].price", "weight_grams"])
        problem = assert_problem(self, self.api.call(
            "POST", "/products", {"name": "X", "price": 1, "options": [{"name": "Size", "values": ["S"]}],
                                  "variants": [{"options": {"Size": "L"}}, {"options": {"Size": "S"}}]},
            token=self.token("seller")), 422, "validation_failed")
        self.assertEqual([e["field"] for e in problem["errors"]], ["variants[0].options"])
        problem = assert_problem(self, self.api.call("POST", "/products", {"name": "No price"},
                                                     token=self.token("seller")), 422, "validation_failed")
        self.assertEqual([e["field"] for e in problem["errors"]], ["price"])

    def test_bodies_and_roles_are_checked(self):
        assert_problem(self, self.api.call("POST", "/products", {"name": "X", "price": 1}), 401, "unauthenticated")
        assert_problem(self, self.api.call("POST", "/products", {"name": "X", "price": 1},
                                           token=self.token("customer")), 403, "forbidden")
        status, _, body = self.api.call("POST", "/products", headers={"Content-Type": "text/plain",
                                                                     "Authorization": f"Bearer {self.token('seller')}"})
        self.assertEqual(status, 415)
        raw = self.server.request("POST", "/api/v1/products", body=b"{not json",
                                  headers={"Content-Type": "application/json",
                                           "Authorization": f"Bearer {self.token('seller')}"})
        self.assertEqual(raw[0], 400)

    def test_a_sku_is_unique_across_products(self):
        sku = unique("DUP")
        self.create(sku=sku)
        assert_problem(self, self.api.call("POST", "/products", {"name": "Other", "price": 1, "sku": sku},
                                           token=self.token("other_seller")), 409, "sku_taken")

    def test_unknown_product_is_404(self):
        assert_problem(self, self.get("/products/prod_00000000000000000000"), 404, "not_found")
        assert_problem(self, self.api.call("PATCH", "/products/prod_nope", {"name": "x"}, token=self.token("admin")),
                       404, "not_found")


class Ownership(CatalogCase):
    def test_sellers_edit_their_own_products_and_admins_any(self):
        product = self.create(options=[{"name": "Size", "values": ["S", "M"]}])
        path = f"/products/{product['id']}"
        status, _, updated = self.api.call("PATCH", path, {"name": "Renamed Gadget", "price": 25},
                                           token=self.token("seller"))
        self.assertEqual(status, 200, updated)
        self.assertEqual((updated["name"], [v["price"] for v in updated["variants"]]), ("Renamed Gadget", [25, 25]))
        self.assertEqual([v["id"] for v in updated["variants"]], [v["id"] for v in product["variants"]])
        assert_problem(self, self.api.call("PATCH", path, {"name": "Mine now"}, token=self.token("other_seller")),
                       403, "forbidden")
        assert_problem(self, self.api.call("DELETE", path, token=self.token("other_seller")), 403, "forbidden")
        assert_problem(self, self.api.call("PATCH", path, {"name": "x"}, token=self.token("customer")), 403, "forbidden")
        assert_problem(self, self.api.call("PATCH", path, {"name": "x"}), 401, "unauthenticated")
        status, _, by_admin = self.api.call("PATCH", path, {"description": "Checked by an admin."},
                                            token=self.token("admin"))
        self.assertEqual((status, by_admin["description"], by_admin["seller_id"]),
                         (200, "Checked by an admin.", self.user_id("seller")))
        problem = assert_problem(self, self.api.call("PATCH", path, {"name": "", "status": "gone"},
                                                     token=self.token("seller")), 422, "validation_failed")
        self.assertEqual(sorted(e["field"] for e in problem["errors"]), ["name", "status"])

    def test_archived_products_are_hidden_from_everyone_but_their_seller_and_admins(self):
        name = unique("Archivable")
        product = self.create(name=name)
        path = f"/products/{product['id']}"
        self.assertEqual(self.get(path)[0], 200)
        self.assertEqual(self.api.call("DELETE", path, token=self.token("seller"))[0], 204)
        self.assertEqual(self.api.call("DELETE", path, token=self.token("seller"))[0], 204)
        assert_problem(self, self.get(path), 404, "not_found")
        assert_problem(self, self.get(path, "customer"), 404, "not_found")
        assert_problem(self, self.get(path, "other_seller"), 404, "not_found")
        assert_problem(self, self.api.call("PATCH", path, {"name": "x"}, token=self.token("other_seller")), 404,
                       "not_found")
        status, _, own = self.get(path, "seller")
        self.assertEqual((status, own["status"]), (200, "archived"))
        self.assertEqual(self.get(path, "admin")[2]["status"], "archived")
        self.assertEqual(self.get(f"/products/search?q={name}")[2]["total"], 0)
        listed = self.get(f"/products?seller={self.user_id('seller')}&per_page=100")[2]
        self.assertNotIn(product["id"], [p["id"] for p in listed["results"]])
        assert_problem(self, self.api.call("POST", f"{path}/reviews", {"rating": 5}, token=self.token("customer")),
                       404, "not_found")
        status, _, restored = self.api.call("PATCH", path, {"status": "active"}, token=self.token("seller"))
        self.assertEqual((status, restored["status"]), (200, "active"))
        self.assertEqual(self.get(path)[0], 200)


class Lists(CatalogCase):
    @classmethod
    def setUpClass(cls):
        api = UserApi(cls.shared_server())
        admin = cls.shared["admin"][1]
        cls.top = cls.create_category(api, admin, unique("lists-top"), "Lists Top")
        cls.sub = cls.create_category(api, admin, unique("lists-sub"), "Lists Sub", cls.top["id"])
        cls.made = []
        for name, price, category in (("Banana Stand", 30, cls.top), ("Apple Crate", 10, cls.sub),
                                      ("Cherry Bowl", 20, cls.sub)):
            status, _, created = api.call("POST", "/products", {"name": name, "price": price,
                                                                "category": category["slug"]},
                                          token=cls.shared["seller"][1])
            assert status == 201, created
            cls.made.append(created)

    def names(self, query):
        status, _, listed = self.get(f"/products?{query}")
        self.assertEqual(status, 200, listed)
        return [p["name"] for p in listed["results"]]

    def test_list_shape_and_paging(self):
        status, _, listed = self.get(f"/products?category={self.top['slug']}&per_page=2")
        self.assertEqual(status, 200)
        self.assertEqual((listed["total"], listed["page"], listed["per_page"]), (3, 1, 2))
        self.assertEqual(len(listed["results"]), 2)
        self.assertEqual(set(listed["results"][0]), SUMMARY_FIELDS)
        page2 = self.get(f"/products?category={self.top['slug']}&per_page=2&page=2")[2]
        self.assertEqual((page2["page"], len(page2["results"])), (2, 1))
        self.assertEqual(self.get("/products?per_page=1000")[2]["per_page"], 100)

    def test_a_category_includes_its_subcategories_and_sorts_apply(self):
        top = self.top["slug"]
        self.assertEqual(self.names(f"category={top}&sort=price_asc"), ["Apple Crate", "Cherry Bowl", "Banana Stand"])
        self.assertEqual(self.names(f"category={top}&sort=price_desc"), ["Banana Stand", "Cherry Bowl", "Apple Crate"])
        self.assertEqual(self.names(f"category={top}&sort=name"), ["Apple Crate", "Banana Stand", "Cherry Bowl"])
        self.assertEqual(self.names(f"category={top}"), ["Cherry Bowl", "Apple Crate", "Banana Stand"])
        self.assertEqual(self.names(f"category={self.sub['slug']}&sort=name"), ["Apple Crate", "Cherry Bowl"])
        self.assertEqual(self.names(f"category={self.sub['id']}&sort=name"), ["Apple Crate", "Cherry Bowl"])
        self.assertEqual(self.names("category=no-such-category"), [])

    def test_category_path_is_the_same_as_the_query_parameter(self):
        by_path = self.get(f"/products/category/{self.top['slug']}?sort=name")[2]
        by_query = self.get(f"/products?category={self.top['slug']}&sort=name")[2]
        self.assertEqual(by_path, by_query)
        assert_problem(self, self.get("/products/category/no-such-category"), 404, "not_found")

    def test_seller_filter(self):
        other = self.create(token_key="other_seller")
        listed = self.get(f"/products?seller={self.user_id('other_seller')}&per_page=100")[2]
        self.assertIn(other["id"], [p["id"] for p in listed["results"]])
        self.assertTrue(all(p["id"] not in [m["id"] for m in self.made] for p in listed["results"]))

    def test_bad_query_parameters_are_400(self):
        for query in ("page=abc", "page=0", "per_page=-1", "sort=bogus", "sort=relevance", "category=a%20b"):
            with self.subTest(query=query):
                assert_problem(self, self.get(f"/products?{query}"), 400, "invalid_query")


class Search(CatalogCase):
    @classmethod
    def setUpClass(cls):
        api = UserApi(cls.shared_server())
        cls.audio = cls.shared["child"]["slug"]
        cls.ids = {}
        for name, price, category, description in (
                ("Wireless Headphones", 99.99, cls.audio, "Over-ear, thirty hours of battery."),
                ("AudioMax Wireless Headphones Pro", 249.99, cls.audio, "Premium noise cancelling."),
                ("Headphone Stand", 19.99, cls.shared["root"]["slug"], "Walnut stand for headphones."),
                ("Wireless Mouse", 29.99, None, "A quiet mouse."),
                ("Quillfeather Notebook", 9.5, None, "Dotted pages.")):
            body = {"name": name, "price": price, "description": description}
            if category:
                body["category"] = category
            status, _, created = api.call("POST", "/products", body, token=cls.shared["seller"][1])
            assert status == 201, created
            cls.ids[name] = created["id"]

    def search(self, query):
        status, _, found = self.get(f"/products/search?{query}")
        self.assertEqual(status, 200, found)
        return found

    def first(self, q):
        return self.search("q=" + urllib.parse.quote(q))["results"][0]["name"]

    def test_exact_prefix_and_misspelt_queries_find_the_product_first(self):
        self.assertEqual(self.first("wireless headphones"), "Wireless Headphones")
        self.assertEqual(self.first("wireles headphone"), "Wireless Headphones")
        self.assertEqual(self.first("wirless hedphones"), "Wireless Headphones")
        self.assertEqual(self.first("Quillfeath"), "Quillfeather Notebook")
        self.assertEqual(self.first("quilfeather"), "Quillfeather Notebook")

    def test_results_have_the_list_shape(self):
        found = self.search("q=quillfeather")
        self.assertEqual((found["total"], found["page"], found["per_page"]), (1, 1, 20))
        self.assertEqual(set(found["results"][0]), SUMMARY_FIELDS)
        self.assertEqual(found["results"][0]["price"], 9.5)
        self.assertEqual(self.search("q=zzzyzzx")["total"], 0)

    def test_filters_and_sorts_combine(self):
        in_audio = self.search(f"q=headphones&category={self.audio}")
        self.assertEqual({p["name"] for p in in_audio["results"]},
                         {"Wireless Headphones", "AudioMax Wireless Headphones Pro"})
        in_root = self.search(f"q=headphones&category={self.shared['root']['slug']}&sort=price_asc")
        self.assertEqual([p["name"] for p in in_root["results"]][:3],
                         ["Headphone Stand", "Wireless Headphones", "AudioMax Wireless Headphones Pro"])
        cheap = self.search(f"q=headphones&category={self.shared['root']['slug']}&price_min=20&price_max=100")
        self.assertEqual([p["name"] for p in cheap["results"]], ["Wireless Headphones"])
        priciest = self.search(f"q=wireless&sort=price_desc&category={self.audio}&per_page=1")
        self.assertEqual((priciest["total"], priciest["results"][0]["name"]), (2, "AudioMax Wireless Headphones Pro"))

    def test_bad_search_parameters_are_400(self):
        for query in ("", "q=", "q=%21%21", "q=x&price_min=abc", "q=x&price_max=1.001", "q=x&price_min=5&price_max=4",
                      "q=x&sort=best", "q=x&page=abc", "q=" + "a" * 201):
            with self.subTest(query=query):
                assert_problem(self, self.get(f"/products/search?{query}"), 400, "invalid_query")


class Reviews(CatalogCase):
    def test_one_review_per_customer_and_the_rating_follows(self):
        product = self.create()
        path = f"/products/{product['id']}/reviews"
        status, _, review = self.api.call("POST", path, {"rating": 4, "title": "Good", "body": "Works."},
                                          token=self.token("customer"))
        self.assertEqual(status, 201, review)
        self.assertRegex(review["id"], r"^rev_[0-9a-f]{20}$")
        self.assertEqual((review["rating"], review["verified_purchase"], review["user_id"]),
                         (4, False, self.user_id("customer")))
        assert_problem(self, self.api.call("POST", path, {"rating": 2}, token=self.token("customer")), 409,
                       "review_exists")
        _, second_token = self.api.user_of_role("customer")
        self.assertEqual(self.api.call("POST", path, {"rating": 1}, token=second_token)[0], 201)
        detail = self.get(f"/products/{product['id']}")[2]
        self.assertEqual((detail["rating"], detail["review_count"]), (2.5, 2))
        listed = self.get(path)[2]
        self.assertEqual((listed["total"], listed["per_page"]), (2, 20))
        self.assertEqual(listed["results"][1], review)

    def test_review_rules(self):
        product = self.create()
        path = f"/products/{product['id']}/reviews"
        assert_problem(self, self.api.call("POST", path, {"rating": 5}), 401, "unauthenticated")
        assert_problem(self, self.api.call("POST", path, {"rating": 5}, token=self.token("seller")), 403, "forbidden")
        for body in ({"rating": 0}, {"rating": 6}, {"rating": "five"}, {}, {"rating": 3, "stars": 3},
                     {"rating": 3, "title": "t" * 121}):
            with self.subTest(body=body):
                assert_problem(self, self.api.call("POST", path, body, token=self.token("customer")), 422,
                               "validation_failed")
        assert_problem(self, self.api.call("POST", "/products/prod_nope/reviews", {"rating": 5},
                                           token=self.token("customer")), 404, "not_found")
        assert_problem(self, self.get("/products/prod_nope/reviews"), 404, "not_found")
        assert_problem(self, self.get(f"{path}?page=abc"), 400, "invalid_query")

    def test_reviews_are_exported_and_anonymised_when_their_author_is_erased(self):
        product = self.create()
        user_id, token = self.api.user_of_role("customer")
        self.assertEqual(self.api.call("POST", f"/products/{product['id']}/reviews", {"rating": 5, "title": "Mine"},
                                       token=token)[0], 201)
        export = self.api.call("GET", "/users/me/export", token=token)[2]
        self.assertEqual([(r["product_id"], r["title"]) for r in export["reviews"]], [(product["id"], "Mine")])
        self.assertEqual(self.api.call("DELETE", "/users/me", token=token)[0], 204)
        review = poll(lambda: next((r for r in self.get(f"/products/{product['id']}/reviews")[2]["results"]
                                    if r["user_id"] is None), None), "anonymising the review")
        self.assertEqual((review["author_name"], review["rating"]), (None, 5))
        self.assertEqual(self.get(f"/products/{product['id']}")[2]["review_count"], 1)


class Cache(CatalogCase):
    def read_until_hit(self, path):
        return poll(lambda: (lambda r: r if r[1].get("X-Cache") == "hit" else None)(self.get(path)), f"a hit on {path}")

    def test_hot_reads_hit_the_cache_and_changes_show_on_the_next_read(self):
        product = self.create(name=unique("Cached"))
        path = f"/products/{product['id']}"
        _, headers, _ = self.read_until_hit(path)
        self.assertEqual(headers["X-Cache"], "hit")
        list_path = f"/products?seller={self.user_id('seller')}&per_page=100"
        self.read_until_hit(list_path)
        new_name = unique("Renamed")
        self.assertEqual(self.api.call("PATCH", path, {"name": new_name}, token=self.token("seller"))[0], 200)
        status, headers, fresh = self.get(path)
        self.assertEqual((status, fresh["name"], headers["X-Cache"]), (200, new_name, "miss"))
        self.assertIn(new_name, [p["name"] for p in self.get(list_path)[2]["results"]])
        self.assertEqual(self.api.call("POST", f"{path}/reviews", {"rating": 5}, token=self.token("customer"))[0], 201)
        self.assertEqual(self.get(path)[2]["review_count"], 1)
        self.assertEqual(self.api.call("DELETE", path, token=self.token("seller"))[0], 204)
        assert_problem(self, self.get(path), 404, "not_found")
        self.assertNotIn(product["id"], [p["id"] for p in self.get(list_path)[2]["results"]])

    def test_search_and_category_tree_follow_changes(self):
        word = unique("Zephyrine")
        self.read_until_hit(f"/products/search?q={word}")
        self.create(name=f"{word} Lamp")
        self.assertEqual(self.get(f"/products/search?q={word}")[2]["total"], 1)
        self.read_until_hit("/categories")
        slug = unique("fresh")
        self.create_category(self.api, self.token("admin"), slug, "Fresh")
        self.assertIn(slug, [c["slug"] for c in self.get("/categories")[2]])

    def test_cache_counters_are_in_metrics(self):
        self.read_until_hit("/categories")
        status, _, text = self.server.request("GET", "/metrics")
        self.assertEqual(status, 200)
        self.assertRegex(text.decode(), r"emporium_catalog_cache_hits_total [1-9]")
        self.assertIn("emporium_catalog_cache_bytes", text.decode())


class Stock(CatalogCase):
    def test_stock_from_the_inventory_sets_in_stock(self):
        product = self.create(options=[{"name": "Size", "values": ["S", "M"]}])
        path = f"/products/{product['id']}"
        self.assertFalse(self.get(path)[2]["in_stock"])
        variant = product["variants"][1]
        status, _, level = self.api.call("PATCH", f"{path}/stock", {"delta": 7, "variant_id": variant["id"]},
                                         token=self.token("seller"))
        self.assertEqual(status, 200, level)
        detail = poll(lambda: (lambda d: d if d["in_stock"] else None)(self.get(path)[2]), "in_stock turning true")
        self.assertEqual(detail["stock"], {"available": 7})
        self.assertEqual([v["stock"]["available"] for v in detail["variants"]], [0, 7])
        listed = self.get(f"/products?seller={self.user_id('seller')}&per_page=100")[2]
        self.assertTrue(next(p for p in listed["results"] if p["id"] == product["id"])["in_stock"])


class SeedCommand(unittest.TestCase):
    def test_seed_loads_a_searchable_catalog_once_and_prints_the_demo_accounts(self):
        with DataDir() as data:
            args = ["seed", "--products", "1000", "--data-dir", data.path]
            started = time.monotonic()
            result = run_cli(args, env=FAST_ENV, timeout=300)
            self.assertEqual(result.returncode, 0, result.stderr[-3000:])
            self.assertLess(time.monotonic() - started, 120)
            self.assertIn("seller@", result.stdout)
            self.assertIn("customer@", result.stdout)
            self.assertIn("admin@", result.stdout)
            again = run_cli(args, env=FAST_ENV, timeout=300)
            self.assertEqual(again.returncode, 0, again.stderr[-3000:])
            with EmporiumServer(env=dict(FAST_ENV, **CATALOG_ENV), data_dir=data) as server:
                api = UserApi(server)
                status, _, listed = api.call("GET", "/products?per_page=5")
                self.assertEqual((status, listed["total"]), (200, 1000))
                status, _, found = api.call("GET", "/products/search?q=wireles%20headphone")
                self.assertEqual(found["results"][0]["name"], "Wireless Headphones")
                tree = api.call("GET", "/categories")[2]
                self.assertGreaterEqual(len(tree), 5)
                self.assertTrue(all(node["children"] for node in tree))
                with_options = api.call("GET", "/products/search?q=shirt&per_page=50")[2]["results"]
                details = [api.call("GET", f"/products/{p['id']}")[2] for p in with_options[:10]]
                self.assertTrue(any(len(d["variants"]) > 1 for d in details))
                self.assertTrue(all(d["image_url"].startswith("data:image/svg+xml,") for d in details))

    def test_serve_demo_data_seeds_on_the_first_start_only(self):
        with DataDir() as data:
            env = dict(FAST_ENV, **CATALOG_ENV)
            for start in range(2):
                with EmporiumServer(args=["--demo-data"], env=env, data_dir=data) as server:
                    status, _, listed = UserApi(server).call("GET", "/products?per_page=1")
                    self.assertEqual((start, status, listed["total"]), (start, 200, 200))

    def test_seed_refuses_a_bad_product_count(self):
        for count in ("abc", "-1", "1000001"):
            with self.subTest(count=count):
                result = run_cli(["seed", "--products", count], env=FAST_ENV)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn("--products", result.stderr)


if __name__ == "__main__":
    unittest.main()
