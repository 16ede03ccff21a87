// A client's first session, written against the types openapi-typescript generates from
// openapi/v1.json (compiled with tsc --strict): list, read by a Unicode slug, search, then create and
// publish a post with If-Match. Run by .ci/contract against a running service:
// CMS_URL=http://127.0.0.1:5000 CMS_ADMIN_KEY=... node build/scenario.js
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/v1.js";

type PostSummary = components["schemas"]["PostSummary"];

const baseUrl = required("CMS_URL");
const api = createClient<paths>({ baseUrl });
const admin = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${required("CMS_ADMIN_KEY")}` } });

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
  console.log(`ok - ${message}`);
}

const editions = await api.GET("/v1/editions");
const farsi = editions.data?.find((edition) => edition.code === "fa");
// direction is an enum in the contract: "ltr" | "rtl", so a typo here would not compile.
check(farsi?.direction === "rtl", "GET /v1/editions lists fa, written right to left");

const title = `گزارش از هرات ${Date.now()}`;
const created = await admin.POST("/v1/admin/posts", {
  body: { edition: "fa", title, bodyHtml: "<p>حقوق بشر و پناهندگان در هرات.</p>" },
});
const draft = created.data;
check(created.response.status === 201 && draft?.status === "draft", "POST /v1/admin/posts creates a draft");
const etag = created.response.headers.get("ETag");
check(etag !== null, "the created draft carries its version as an ETag");

const stale = await admin.POST("/v1/admin/posts/{id}/publish", {
  params: { path: { id: draft.id }, header: { "If-Match": `"${draft.version + 1}"` } },
});
check(stale.response.status === 412 && stale.error?.title !== undefined, "publishing with a stale If-Match is a 412 problem");

const published = await admin.POST("/v1/admin/posts/{id}/publish", {
  params: { path: { id: draft.id }, header: { "If-Match": etag } },
});
check(published.data?.status === "published", "publishing with the current If-Match publishes the post");
const slug = published.data.slug;

const list = await api.GET("/v1/{edition}/posts", { params: { path: { edition: "fa" }, query: { perPage: 5 } } });
const summary: PostSummary | undefined = list.data?.items.find((item) => item.slug === slug);
check(summary !== undefined && list.data?.page.totalItems !== undefined, "GET /v1/fa/posts lists it on the first page");

const post = await api.GET("/v1/{edition}/posts/{slug}", { params: { path: { edition: "fa", slug } } });
check(post.data?.title === title && post.data.direction === "rtl", `GET /v1/fa/posts/${slug} reads it by its Unicode slug`);
check(post.data.primaryTag === null && post.data.author === null, "members without a value are null, as the contract says");

const found = await api.GET("/v1/{edition}/search", { params: { path: { edition: "fa" }, query: { q: "هرات" } } });
check(found.data?.items.some((result) => result.slug === slug && result.kind === "post") === true, "GET /v1/fa/search?q=هرات finds it");

const missing = await api.GET("/v1/{edition}/posts/{slug}", { params: { path: { edition: "fa", slug: "نیست" } } });
check(missing.response.status === 404 && missing.error?.detail !== undefined, "an unknown slug is a 404 problem");
