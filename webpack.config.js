/**
 * One page, one shared runtime (the layout of Microsoft's Excel-Custom-Functions-Shared template):
 * the taskpane, the ribbon commands and the custom functions are three entries injected into
 * dist/taskpane.html, which the manifest names as the Runtime, the FunctionFile and the
 * custom functions Page. A single webpack runtime chunk makes every module a singleton on that page,
 * so the commands and the taskpane share state.
 *
 *   ADDIN_BASE_URL=https://host/path/ npm run build  production build in dist/ (no certificates needed), every
 *                                                   https://localhost:3000/ in dist/manifest.xml rewritten to
 *                                                   the hosting URL; refused when ADDIN_BASE_URL is unset
 *   ADDIN_BASE_URL=https://localhost:3000/ npm run build   a production-mode build for the local dev URL
 *   OFFICE_JS=bundled ...                           serve Office.js from dist/office-js/ (intranets that block
 *                                                   Microsoft's CDN); the default, OFFICE_JS=cdn, is the CDN
 *   npm run dev-server                              https://localhost:3000 with office-addin-dev-certs
 *   npm run workbench                               plain http://localhost:3000/taskpane.html, no certificates
 *
 * Start-up order on the page: runtime.js, core.js and functions.js, everything the custom functions need
 * (about 100 KB; no UI, no vendor chunk), so CustomFunctions.associate runs before any taskpane code is
 * fetched; then commands.js; then taskpane.js, a small boot script that fetches the React/Fluent UI (the
 * "vendor" and "app" chunks) only when it runs.
 */
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const MinimizerPlugin = require("minimizer-webpack-plugin"); // webpack 5's own JS minimizer (terser)

const pkg = require("./package.json");

const DEV_URL = "https://localhost:3000/";
/** Where the store (and every Office add-in by default) loads Office.js from. */
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/** Where an OFFICE_JS=bundled build serves Office.js, relative to taskpane.html. */
const OFFICE_JS_BUNDLED = "office-js/office.js";

/** A build setting the user must fix; the message says how. */
class BuildSettingError extends Error {}

/**
 * The hosting URL written into a production manifest: ADDIN_BASE_URL with a trailing slash. There is no
 * default: a production manifest that silently kept https://localhost:3000/ would install an add-in that
 * loads from the installer's own machine.
 */
function baseUrl() {
  const raw = (process.env.ADDIN_BASE_URL || "").trim();
  if (!raw) {
    throw new BuildSettingError(
      [
        "ADDIN_BASE_URL is not set: a production build writes the URL that will host dist/ into dist/manifest.xml.",
        "Set it to that https:// URL, for example:",
        "  ADDIN_BASE_URL=https://addins.example.com/bpo-desk/ npm run build",
        "For a production-mode build served at the local dev URL, say so explicitly:",
        `  ADDIN_BASE_URL=${DEV_URL} npm run build`,
      ].join("\n"),
    );
  }
  if (!/^https:\/\//i.test(raw) && !/^http:\/\/(localhost|127\.0\.0\.1)[:/]/i.test(raw)) {
    throw new BuildSettingError(
      `ADDIN_BASE_URL must be an https:// URL (Office only loads add-ins over https), got "${raw}"`,
    );
  }
  return raw.endsWith("/") ? raw : raw + "/";
}

/** Where taskpane.html loads Office.js from: OFFICE_JS=cdn (the default) or OFFICE_JS=bundled. */
function officeJsSource() {
  const raw = (process.env.OFFICE_JS || "cdn").trim().toLowerCase();
  if (raw === "cdn" || raw === "") return { mode: "cdn", url: OFFICE_JS_CDN };
  if (raw === "bundled") return { mode: "bundled", url: OFFICE_JS_BUNDLED };
  throw new BuildSettingError(
    `OFFICE_JS must be "cdn" (the default: Microsoft's CDN, as the store requires) or "bundled" (serve Office.js from the add-in's own origin), got "${process.env.OFFICE_JS}"`,
  );
}

/**
 * The files of @microsoft/office-js an Excel add-in can load, copied to dist/office-js/ by OFFICE_JS=bundled.
 * office.js fetches its host file (excel-win32-16.01.js, excel-web-16.00.js ...), its locale strings and
 * telemetry relative to its own URL, so the folder keeps the package's layout. The other hosts' files, the
 * debug builds and the IntelliSense files are left out (about 50 MB that Excel never requests).
 */
const OFFICE_JS_SKIP = [
  "**/*.debug.js",
  "**/*-vsdoc.js",
  "**/*.d.ts",
  "**/outlook_strings.js",
  ...["access", "onenote", "outlook", "powerpoint", "project", "visio", "word"].map((h) => `**/${h}*.js`),
];

/** Fills the help page's placeholders: the version, and the support contact when one is configured. */
function fillHelp(content) {
  const contact = (process.env.ADDIN_SUPPORT || "").trim();
  const escape = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  const line = contact
    ? `<p data-support-contact>Support for BPO Desk in your organisation: <a href="${escape(/^[^@\s]+@[^@\s]+$/.test(contact) ? `mailto:${contact}` : contact)}">${escape(contact)}</a>.</p>`
    : "";
  return content.toString().split("%BPO_VERSION%").join(pkg.version).split("%BPO_SUPPORT_CONTACT%").join(line);
}

/** Replaces every occurrence of the dev URL in a manifest by the production base URL. */
function rewriteManifest(content, url) {
  return content.toString().split(DEV_URL).join(url);
}

async function httpsOptions() {
  try {
    const devCerts = require("office-addin-dev-certs");
    const o = await devCerts.getHttpsServerOptions();
    return { ca: o.ca, key: o.key, cert: o.cert };
  } catch (err) {
    console.warn(`office-addin-dev-certs: no dev certificates (${err && err.message}); serving http.`);
    return undefined;
  }
}

/** The async chunk of the taskpane's UI (React, Fluent UI, the views): see src/taskpane/index.tsx. */
const APP_CHUNK = "app";

/** The functions entry is split only into "core" (below): its chunk set stays [runtime, core, functions]. */
const notFunctions = (chunk) => chunk.name !== "functions";

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode !== "production";
  const workbench = Boolean(env.workbench);
  const serving = Boolean(env.WEBPACK_SERVE);
  let url;
  let officeJs;
  try {
    url = dev ? DEV_URL : baseUrl();
    officeJs = officeJsSource();
  } catch (err) {
    if (!(err instanceof BuildSettingError)) throw err;
    // A plain message and a failing exit, not a stack trace inside webpack-cli's error box.
    console.error(`\n${err.message}\n`);
    process.exit(2);
  }
  const https = serving && !workbench ? await httpsOptions() : undefined;

  return {
    mode: dev ? "development" : "production",
    devtool: dev ? "eval-cheap-module-source-map" : "source-map",
    target: "web",
    // The taskpane carries only what the commands lack (dependOn), so its UI chunks do not download the
    // office adapter and the report engines again. No entry depends on the functions entry: webpack never
    // starts an entry whose dependency threw while loading, and the functions throw wherever CustomFunctions
    // is missing; the commands and the pane must still start there. What the functions share with the
    // commands comes in the "core" chunk instead, which runs no code of its own.
    entry: {
      functions: "./src/functions/functions.ts",
      commands: "./src/commands/commands.ts",
      taskpane: { import: "./src/taskpane/index.tsx", dependOn: "commands" },
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      chunkFilename: "[name].[contenthash:8].js",
      publicPath: "auto",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".json"],
      fallback: { fs: false, path: false, os: false, stream: false, crypto: false, zlib: false },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: { transpileOnly: true, compilerOptions: { module: "esnext", sourceMap: true } },
          },
        },
      ],
    },
    optimization: {
      runtimeChunk: "single",
      minimizer: [new MinimizerPlugin({ minimizerOptions: { compress: { passes: 1 } } })],
      splitChunks: {
        // The functions entry gets no chunk but its own and "core" (the modules it shares with the commands:
        // decimal.js and the domain code it calls), so its start never waits for the shared or vendor chunks.
        chunks: notFunctions,
        cacheGroups: {
          core: {
            name: "core",
            chunks: (chunk) => chunk.name === "functions" || chunk.name === "commands",
            minChunks: 2,
            priority: 30,
            enforce: true,
          },
          // React, Fluent UI and the rest of the UI's packages: fetched with the app chunk, never at start-up.
          defaultVendors: {
            test: /[\\/]node_modules[\\/]/,
            name: "vendor",
            chunks: (chunk) => chunk.name === APP_CHUNK,
            priority: -10,
          },
          default: {
            name: "shared",
            chunks: (chunk) => notFunctions(chunk) && chunk.canBeInitial(),
            minChunks: 2,
            priority: -20,
            reuseExistingChunk: true,
          },
        },
      },
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "commands", "taskpane"],
        chunksSortMode: "manual",
        scriptLoading: "defer",
        templateParameters: { officeJsUrl: officeJs.url, version: pkg.version },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/help.html", to: "help.html", transform: fillHelp },
          { from: "manifest.xml", to: "manifest.xml", transform: (content) => rewriteManifest(content, url) },
          ...(officeJs.mode === "bundled"
            ? [
                {
                  from: "**/*",
                  context: path.dirname(require.resolve("@microsoft/office-js/dist/office.js")),
                  to: "office-js/",
                  globOptions: { ignore: OFFICE_JS_SKIP },
                  info: { minimized: true }, // Microsoft's files as they ship: never re-minified
                },
              ]
            : []),
        ],
      }),
    ],
    devServer: {
      static: false,
      hot: false,
      host: "localhost",
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
      headers: { "Access-Control-Allow-Origin": "*" },
      server: https ? { type: "https", options: https } : "http",
      // Open a browser only on a desktop session (not in CI or over SSH without a display).
      open:
        workbench && !process.env.CI && Boolean(process.env.DISPLAY || process.platform !== "linux")
          ? "/taskpane.html"
          : false,
      client: { overlay: { warnings: false, errors: true } },
    },
  };
};

module.exports.DEV_URL = DEV_URL;
module.exports.OFFICE_JS_CDN = OFFICE_JS_CDN;
module.exports.OFFICE_JS_BUNDLED = OFFICE_JS_BUNDLED;
module.exports.rewriteManifest = rewriteManifest;
module.exports.baseUrl = baseUrl;
module.exports.officeJsSource = officeJsSource;
module.exports.fillHelp = fillHelp;
