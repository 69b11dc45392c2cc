// Compile the schema with Ajv in strict mode (every strict option on), then validate each data
// file given after it. Prints one JSON line: {"compiled": bool, "error": str, "invalid": {...}}.
const Ajv = require("ajv");
const fs = require("fs");
const [schemaPath, ...dataPaths] = process.argv.slice(2);
const ajv = new Ajv({ strict: true, allErrors: true });
let validate;
try {
  validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, "utf8")));
} catch (error) {
  console.log(JSON.stringify({ compiled: false, error: String(error.message), invalid: {} }));
  process.exit(0);
}
const invalid = {};
for (const path of dataPaths) {
  if (!validate(JSON.parse(fs.readFileSync(path, "utf8")))) {
    invalid[path] = validate.errors;
  }
}
console.log(JSON.stringify({ compiled: true, error: "", invalid }));
