/**
 * The test add-in for `npm run test:excel`, kept apart from the add-in's own webpack.config.js: the same
 * custom functions (src/functions, with their generated functions.json) and, as the page of the shared
 * runtime, the test page (tests/excel/page.ts) instead of the taskpane. Served on https://localhost:3000/
 * like the add-in, so tests/excel/run.ts sideloads manifest.xml's own structure under another Id.
 *
 *   npx webpack --config tests/excel/webpack.config.js            build into .tmp/excel-test/
 *   npx webpack serve --config tests/excel/webpack.config.js      serve it (office-addin-dev-certs)
 */
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const ROOT = path.resolve(__dirname, "../..");
const OUT = path.join(ROOT, ".tmp/excel-test");
/** The test add-in's Id (not the product's, so both can be installed). */
const TEST_ID = "9b2f6d1e-4c3a-4e8b-a5d7-0e1f2a3b4c5d";

/** manifest.xml as the test add-in: same structure, requirement sets and URLs; its own Id and name. */
function testManifest(xml) {
  return xml
    .replace(/<Id>[^<]*<\/Id>/, `<Id>${TEST_ID}</Id>`)
    .replace(/<DisplayName DefaultValue="[^"]*"/, '<DisplayName DefaultValue="BPO Desk tests"');
}

async function httpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  const o = await devCerts.getHttpsServerOptions();
  return { ca: o.ca, key: o.key, cert: o.cert };
}

module.exports = async (env = {}) => ({
  mode: "development",
  devtool: "source-map",
  target: "web",
  context: ROOT,
  entry: { functions: "./src/functions/functions.ts", runner: "./tests/excel/page.ts" },
  output: { path: OUT, filename: "[name].js", clean: true },
  resolve: {
    extensions: [".ts", ".tsx", ".js", ".json"],
    fallback: { fs: false, path: false, os: false, stream: false, crypto: false, zlib: false },
  },
  module: {
    rules: [
      {
        test: /\.tsx?$/,
        exclude: /node_modules/,
        use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "esnext" } } },
      },
    ],
  },
  optimization: { runtimeChunk: "single" },
  performance: { hints: false },
  plugins: [
    new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
    new HtmlWebpackPlugin({
      filename: "taskpane.html",
      template: "./tests/excel/page.html",
      chunks: ["functions", "runner"],
      chunksSortMode: "manual",
    }),
    new CopyWebpackPlugin({
      patterns: [
        { from: "assets/*.png", to: "assets/[name][ext]" },
        { from: "src/taskpane/help.html", to: "help.html" },
        { from: "manifest.xml", to: "manifest.xml", transform: (content) => testManifest(content.toString()) },
      ],
    }),
  ],
  devServer: env.WEBPACK_SERVE
    ? {
        port: 3000,
        static: { directory: OUT },
        headers: { "Access-Control-Allow-Origin": "*" },
        server: { type: "https", options: await httpsOptions() },
      }
    : undefined,
});

module.exports.testManifest = testManifest;
module.exports.OUT = OUT;
