/**
 * One page, one shared runtime (the layout of Microsoft's Excel-Custom-Functions-Shared template):
 * the taskpane, the ribbon commands and the custom functions are three entries injected into
 * dist/taskpane.html, which the manifest names as the Runtime, the FunctionFile and the
 * custom functions Page. A single webpack runtime chunk makes every module a singleton on that page,
 * so the commands and the taskpane share state.
 *
 *   npm run build                                   production build in dist/ (no certificates needed)
 *   ADDIN_BASE_URL=https://host/path/ npm run build  same, with every https://localhost:3000/ in
 *                                                   dist/manifest.xml rewritten to the hosting URL
 *   npm run dev-server                              https://localhost:3000 with office-addin-dev-certs
 *   npm run workbench                               plain http://localhost:3000/taskpane.html, no certificates
 */
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const MinimizerPlugin = require("minimizer-webpack-plugin"); // webpack 5's own JS minimizer (terser)

const DEV_URL = "https://localhost:3000/";

/** The hosting URL for production manifests: ADDIN_BASE_URL with a trailing slash, else the dev URL. */
function baseUrl() {
  const raw = (process.env.ADDIN_BASE_URL || "").trim();
  if (!raw) return DEV_URL;
  if (!/^https:\/\//i.test(raw) && !/^http:\/\/(localhost|127\.0\.0\.1)[:/]/i.test(raw)) {
    throw new Error(`ADDIN_BASE_URL must be an https:// URL (Office only loads add-ins over https), got "${raw}"`);
  }
  return raw.endsWith("/") ? raw : raw + "/";
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

module.exports = async (env = {}, argv = {}) => {
  const dev = argv.mode !== "production";
  const workbench = Boolean(env.workbench);
  const serving = Boolean(env.WEBPACK_SERVE);
  const url = dev ? DEV_URL : baseUrl();
  const https = serving && !workbench ? await httpsOptions() : undefined;

  return {
    mode: dev ? "development" : "production",
    devtool: dev ? "eval-cheap-module-source-map" : "source-map",
    target: "web",
    entry: {
      functions: "./src/functions/functions.ts",
      commands: "./src/commands/commands.ts",
      taskpane: "./src/taskpane/index.tsx",
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
      alias: {
        // ExcelJS's browser build (the workbench's in-browser workbook); the Node entry needs fs/stream.
        exceljs$: path.resolve(__dirname, "node_modules/exceljs/dist/exceljs.min.js"),
      },
      fallback: { fs: false, path: false, os: false, stream: false, crypto: false, zlib: false },
    },
    module: {
      // The prebuilt ExcelJS bundle needs no parsing for imports.
      noParse: /exceljs[\\/]dist[\\/]exceljs(\.min)?\.js$/,
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
      minimizer: [new MinimizerPlugin({ exclude: /^exceljs\./, minimizerOptions: { compress: { passes: 1 } } })],
      splitChunks: {
        chunks: "all",
        cacheGroups: {
          // ExcelJS ships minified and is only needed by the workbench: its own lazy chunk, not re-minified.
          exceljs: { test: /[\\/]exceljs[\\/]dist[\\/]/, name: "exceljs", chunks: "async", priority: 20 },
          defaultVendors: { test: /[\\/]node_modules[\\/]/, name: "vendor", chunks: "initial", priority: -10 },
          default: { name: "shared", chunks: "initial", minChunks: 2, priority: -20, reuseExistingChunk: true },
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
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/help.html", to: "help.html" },
          { from: "manifest.xml", to: "manifest.xml", transform: (content) => rewriteManifest(content, url) },
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
module.exports.rewriteManifest = rewriteManifest;
module.exports.baseUrl = baseUrl;
