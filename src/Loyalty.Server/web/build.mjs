// Bundles each page (src/<page>/main.js and the CSS it imports) into ../wwwroot/<page>/ with its index.html.
// `node build.mjs` builds once (minified); `node build.mjs --watch` rebuilds on change (readable output).
import * as esbuild from "esbuild";
import { createHash } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const webroot = join(here, "..", "wwwroot");
const pages = ["app", "till", "console", "insights", "support"];
const watch = process.argv.includes("--watch");

/** Writes index.html with a version on the asset URLs, so that a new build is never mixed with a cached one. */
async function writeHtml(page) {
  const outdir = join(webroot, page);
  const hash = createHash("sha256");
  for (const name of [`${page}.js`, `${page}.css`]) hash.update(await readFile(join(outdir, name)));
  const version = hash.digest("hex").slice(0, 12);
  const html = await readFile(join(here, "src", page, "index.html"), "utf8");
  await writeFile(join(outdir, "index.html"), html.replaceAll("__VERSION__", version));
}

function options(page) {
  return {
    entryPoints: [{ in: join(here, "src", page, "main.js"), out: page }],
    outdir: join(webroot, page),
    bundle: true,
    format: "esm",
    platform: "browser",
    target: ["es2020", "chrome100", "firefox100", "safari15"],
    minify: !watch,
    sourcemap: "linked",
    legalComments: "linked",
    logLevel: "warning",
    plugins: [{ name: "html", setup: (build) => build.onEnd(async (result) => { if (result.errors.length === 0) await writeHtml(page); }) }],
  };
}

for (const page of pages) {
  await rm(join(webroot, page), { recursive: true, force: true });
  await mkdir(join(webroot, page), { recursive: true });
}

if (watch) {
  for (const page of pages) await (await esbuild.context(options(page))).watch();
  console.log(`Watching src/ and writing ${pages.map((p) => `wwwroot/${p}/`).join(" and ")}.`);
} else {
  await Promise.all(pages.map((page) => esbuild.build(options(page))));
  console.log(`Built ${pages.map((p) => `wwwroot/${p}/`).join(" and ")}.`);
}
