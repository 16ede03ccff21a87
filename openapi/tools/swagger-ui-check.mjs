// Reads the DOM headless Chromium dumped from /swagger/index.html after Swagger UI ran, and checks that
// every group of openapi/v1.json is shown, in the document's order (public groups, Health, then admin),
// each with its description, and that the health checks are listed.
// Usage: node swagger-ui-check.mjs swagger.html ../v1.json
import { readFileSync } from "node:fs";

const [domPath, documentPath] = process.argv.slice(2);
const dom = readFileSync(domPath, "utf8");
const document = JSON.parse(readFileSync(documentPath, "utf8"));
const failures = [];
const decode = (text) => text.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");

const shown = [...dom.matchAll(/<h3[^>]*class="opblock-tag[^"]*"[^>]*data-tag="([^"]+)"/g)].map((m) => decode(m[1]));
const expected = document.tags.map((tag) => tag.name);
if (JSON.stringify(shown) !== JSON.stringify(expected)) {
  failures.push(`groups shown ${JSON.stringify(shown)}\n  expected ${JSON.stringify(expected)}`);
}
const firstAdmin = shown.findIndex((name) => name.startsWith("Admin: "));
if (firstAdmin < 0 || shown.slice(firstAdmin).some((name) => !name.startsWith("Admin: "))) {
  failures.push("the public groups do not all come before the admin groups");
}
const text = decode(dom.replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ");
for (const tag of document.tags) {
  if (!text.includes(tag.description.replace(/`/g, ""))) failures.push(`group ${tag.name} is shown without its description`);
}
for (const path of ["/health/live", "/health/ready"]) {
  if (!dom.includes(`data-path="${path}"`)) failures.push(`${path} is not listed`);
}

if (failures.length > 0) {
  console.error(`Swagger UI check failed:\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log(`ok - Swagger UI shows ${shown.length} groups in order, public first, each described, health checks listed`);
