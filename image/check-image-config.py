#!/usr/bin/env python3
"""Checks a statestore image tar (docker save format) without running it:

  check-image-config.py target/statestore-image.tar

- the entrypoint is the CLI (java ... org.statestore.cli.Main) with the container-sized JVM flags, and its
  class-sharing flags fit the runtime in the image (its release file): on Java 25+ the ahead-of-time cache
  /app/cds/statestore.aot (with the flags that keep Neo4j's Unsafe and JNA's native access quiet, the cache's
  own log lines off and no -Xshare flag), on Java 17-24 the CDS archive /app/cds/statestore.jsa; the image
  holds that file;
- it runs as the non-root user 65532, and /etc/passwd in the image names that user;
- /data is a volume, owned by 65532, and STATESTORE_DATA_DIR=/data;
- no secret in the config (environment names or values, labels, history) or in the layers (key, password or
  credential files, PEM private keys, .env files), and no file but /tmp writable by everyone.
Prints one line per check and exits 1 when any fails.
"""
import gzip
import io
import json
import posixpath
import re
import sys
import tarfile

SECRET_NAME = re.compile(r"(PASS|PASSWORD|SECRET|TOKEN|CREDENTIAL|API_?KEY|PRIVATE)", re.I)
SECRET_FILE = re.compile(r"(^|/)(\.env|id_rsa|id_ed25519|[^/]*\.(key|pem|p12|pfx)|[^/]*password[^/]*|\.netrc|"
                         r"\.docker/config\.json|\.git-credentials)$", re.I)
PRIVATE_KEY = re.compile(rb"-----BEGIN (RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----")
UID = 65532

failures = []


def check(ok, what):
    print(("ok     " if ok else "FAILED ") + what)
    if not ok:
        failures.append(what)


def layers(image):
    manifest = json.load(image.extractfile("manifest.json"))[0]
    for name in manifest["Layers"]:
        raw = image.extractfile(name).read()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        yield name, tarfile.open(fileobj=io.BytesIO(raw))


def main(path):
    with tarfile.open(path) as image:
        manifest = json.load(image.extractfile("manifest.json"))[0]
        config = json.load(image.extractfile(manifest["Config"]))
        c = config["config"]
        entrypoint = c.get("Entrypoint") or []
        check(entrypoint[:1] == ["java"] and entrypoint[-1:] == ["org.statestore.cli.Main"] and not c.get("Cmd"),
              "entrypoint is the CLI: " + " ".join(entrypoint))
        for flag in ("-XX:MaxRAMPercentage=75", "-XX:+UseSerialGC", "-XX:-UsePerfData"):
            check(flag in entrypoint, "entrypoint has " + flag)
        user = c.get("User", "")
        check(user.split(":")[0] == str(UID), "runs as user %s (non-root)" % user)
        check("/data" in (c.get("Volumes") or {}), "/data is a volume")
        env = dict(e.split("=", 1) for e in c.get("Env", []))
        check(env.get("STATESTORE_DATA_DIR") == "/data", "STATESTORE_DATA_DIR=/data")
        check(env.get("STATESTORE_EMBEDDED_DEFAULT") == "off", "STATESTORE_EMBEDDED_DEFAULT=off (no silent throwaway store)")
        check(not any(SECRET_NAME.search(k) for k in env), "no secret-like variable in the environment: "
              + ", ".join(sorted(env)))
        meta = json.dumps({"env": c.get("Env"), "labels": c.get("Labels"), "history": config.get("history")})
        check(not PRIVATE_KEY.search(meta.encode()) and "NEO4J_PASS" not in meta, "no secret in labels or history")

        seen = {}
        secret_files, private_keys, writable = [], [], []
        passwd = ""
        release = ""
        java_release = env.get("JAVA_HOME", "/opt/java").rstrip("/") + "/release"
        for name, layer in layers(image):
            for m in layer.getmembers():
                p = "/" + m.name.lstrip("./")
                seen[p] = m
                if p == "/etc/passwd" and m.isfile():
                    passwd = layer.extractfile(m).read().decode()
                if p == java_release and m.isfile():
                    release = layer.extractfile(m).read().decode()
                if m.isfile() and SECRET_FILE.search(p):
                    secret_files.append(p)
                if m.isfile() and m.size < 4 << 20 and not p.endswith((".jar", ".jsa", ".aot", "/modules")):
                    if PRIVATE_KEY.search(layer.extractfile(m).read()):
                        private_keys.append(p)
                if m.mode & 0o002 and not m.issym() and p not in ("/tmp",):
                    writable.append(p)
        check(not secret_files, "no key, password or credential files in the layers " + str(secret_files[:5]))
        check(not private_keys, "no PEM private key in the layers " + str(private_keys[:5]))
        check(not writable, "nothing but /tmp is world-writable " + str(writable[:5]))
        data = seen.get("/data")
        check(data is not None and data.isdir() and data.uid == UID, "/data exists and belongs to %d" % UID)
        check(any(line.split(":")[2:3] == [str(UID)] for line in passwd.splitlines()),
              "/etc/passwd names user %d" % UID)
        target = seen.get(java_release)
        if not release and target is not None and target.issym():
            java_release = posixpath.normpath(posixpath.join(posixpath.dirname(java_release), target.linkname))
            for name, layer in layers(image):
                for m in layer.getmembers():
                    if "/" + m.name.lstrip("./") == java_release and m.isfile():
                        release = layer.extractfile(m).read().decode()
        version = re.search(r'^JAVA_VERSION="?([0-9][0-9.]*)', release, re.M)
        check(version is not None, "the runtime's release file %s names its JAVA_VERSION" % java_release)
        feature = int(version.group(1).split(".")[0]) if version else 0
        if feature >= 25:
            aot = "/app/cds/statestore.aot"
            for flag in ("-XX:AOTCache=" + aot, "--sun-misc-unsafe-memory-access=allow",
                         "--enable-native-access=ALL-UNNAMED", "-Xlog:disable"):
                check(flag in entrypoint, "Java %s runtime: entrypoint has %s" % (version.group(1), flag))
            check(not any(a.startswith(("-Xshare:", "-XX:SharedArchiveFile=", "-XX:AOTMode=", "-XX:AOTCacheOutput"))
                          for a in entrypoint),
                  "no -Xshare, SharedArchiveFile, AOTMode or AOTCacheOutput flag beside the AOT cache")
            xlog = [a for a in entrypoint if a.startswith("-Xlog:")]
            check(xlog[:1] == ["-Xlog:disable"] and all("aot*=off" in a and "cds*=off" in a for a in xlog[1:]),
                  "a cache that cannot be used prints nothing: " + " ".join(xlog))
            check(aot in seen and seen[aot].isfile() and seen[aot].size > 0, "the image holds the AOT cache " + aot)
        else:
            jsa = "/app/cds/statestore.jsa"
            check("-XX:SharedArchiveFile=" + jsa in entrypoint,
                  "Java %s runtime: entrypoint has -XX:SharedArchiveFile=%s" % (version.group(1) if version else "?", jsa))
            check(not any(a.startswith("-Xshare:") for a in entrypoint),
                  "no -Xshare flag in the entrypoint (it would override JDK_JAVA_OPTIONS=-Xshare:on or -Xshare:off)")
            check(jsa in seen, "the image holds the class-data-sharing archive " + jsa)
    if failures:
        print("%d image config check(s) failed" % len(failures))
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv[1])
