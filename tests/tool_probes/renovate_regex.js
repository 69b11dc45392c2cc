// A Renovate regex custom manager run the way Renovate 44 runs one, on one file:
// - extraction as lib/modules/manager/custom/regex (strategy "any"): each matchString compiled
//   with the "g" flag (`regEx(matchString, "g")`: RE2 when available, else the JavaScript
//   RegExp used here), every match's named groups a dependency, match[0] its replaceString;
// - `managerFilePatterns` as lib/util/string-match: `/.../` is a regular expression;
// - an update as lib/workers/repository/update/branch/auto-replace (doAutoReplace): in the
//   replaceString, the first currentValue becomes newValue and the first currentDigest
//   newDigest, and the result replaces the replaceString where it is first found; the file is
//   then extracted again and must show the new value and digest (confirmIfDepUpdated).
// Usage: node renovate_regex.js CONFIG FILE PATH_IN_REPO [UPDATES_JSON]
// Prints {"matchesFile": bool, "deps": [...], "updated": str|null, "confirmed": bool}.
const fs = require("fs");
const [configPath, filePath, repoPath, updatesJson] = process.argv.slice(2);
const config = JSON.parse(fs.readFileSync(configPath, "utf8"));
const content = fs.readFileSync(filePath, "utf8");
const updates = JSON.parse(updatesJson || "{}");

function extract(manager, text) {
  const deps = [];
  for (const matchString of manager.matchStrings) {
    const regex = new RegExp(matchString, "g");
    let match;
    let iterations = 0;
    while ((match = regex.exec(text)) && iterations < 10000) {
      iterations += 1;
      deps.push({
        ...match.groups,
        datasource: manager.datasourceTemplate,
        replaceString: match[0],
      });
    }
  }
  return deps.filter((dep) => dep.depName && (dep.currentValue || dep.currentDigest));
}

function matchesFile(manager, path) {
  return manager.managerFilePatterns.some((pattern) => {
    const regexForm = /^\/(.*)\/([a-z]*)$/.exec(pattern);
    return regexForm ? new RegExp(regexForm[1], regexForm[2]).test(path) : pattern === path;
  });
}

const [manager] = config.customManagers;
const deps = extract(manager, content);
let updated = null;
let confirmed = true;
if (Object.keys(updates).length) {
  updated = content;
  for (const dep of deps) {
    const update = updates[dep.depName];
    if (!update) continue;
    const at = updated.indexOf(dep.replaceString);
    if (at < 0) throw new Error(`replaceString of ${dep.depName} not found`);
    const newString = dep.replaceString
      .replace(dep.currentValue, () => update.newValue)
      .replace(dep.currentDigest, () => update.newDigest);
    updated = updated.slice(0, at) + newString + updated.slice(at + dep.replaceString.length);
  }
  const again = extract(manager, updated);
  for (const [depName, update] of Object.entries(updates)) {
    const dep = again.find((d) => d.depName === depName);
    confirmed &&= !!dep && dep.currentValue === update.newValue;
    confirmed &&= dep.currentDigest === update.newDigest;
  }
}
console.log(
  JSON.stringify({ matchesFile: matchesFile(manager, repoPath), deps, updated, confirmed }),
);
