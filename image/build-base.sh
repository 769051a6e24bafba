#!/usr/bin/env bash
# Builds the image's base from Debian's packages, with no daemon and no registry, and writes it in
# `docker save` format (the form Jib's tar:// base accepts):
#
#   image/build-base.sh [--variant jlink|debian-jre] [--jdk HOME] --output target/image/base.tar [--for-base IMAGE]
#
# Variants (the README records both measured):
#   jlink       (default) glibc, libgcc, libstdc++, zlib, netbase and tzdata unpacked from their .debs plus a
#               jlink runtime holding the modules Neo4j 5.26 embedded needs. No shell, no package manager.
#               The runtime is linked from the newest JDK 25 or later under /usr/lib/jvm (one whose release
#               file says JAVA_VERSION 25+ and that has bin/jlink; Temurin 25 links from its own run-time
#               image, it has no jmods), or --jdk HOME (-Dimage.jdk=HOME, or STATESTORE_IMAGE_JDK=HOME in the
#               environment); on Java 25+ the image then gets an ahead-of-time cache
#               (image/train-cds.sh). Without one it falls back to JDK 17 (Debian's openjdk-17-jdk-headless,
#               its jmods) with a class-data-sharing archive, and says so.
#   debian-jre  mmdebstrap minbase of bookworm (+ updates, security) with openjdk-17-jre-headless.
# Both add user nonroot (65532:65532), a /data directory it owns (the embedded store's volume) and a
# world-writable /tmp.
#
# Beside OUTPUT it writes base.properties: image.java.version (the runtime's JAVA_VERSION) and image.java.cache
# (aot on Java 25+, else cds), which pom.xml's image profile reads to choose the entrypoint's JVM flags.
#
# The result is cached in ${STATESTORE_CACHE:-~/.cache/statestore}/base-VARIANT-HASH.tar, HASH being a hash
# of the recipe (this script, the archive packer, the variant, the JDK linked from: its path, release file and
# lib/modules, and the package versions it would use), so later builds copy it in a second. With --for-base
# IMAGE not starting with tar:// (a registry base chosen with -Djib.from.image) nothing is built and
# base.properties says cds (-Dimage.java.cache=aot for a Java 25+ registry base). Needs root and apt-get to
# install what is missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
variant=jlink
output=""
for_base=""
jdk_wanted=""
while [ $# -gt 0 ]; do
  case "$1" in
    --variant) variant="$2"; shift 2 ;;
    --jdk) jdk_wanted="$2"; shift 2 ;;
    --output) output="$2"; shift 2 ;;
    --for-base) for_base="$2"; shift 2 ;;
    *) echo "build-base: unknown argument $1" >&2; exit 2 ;;
  esac
done
# STATESTORE_IMAGE_JDK=HOME does what --jdk does, for builds started by scripts (e.g. the JDK 17 fallback under
# image/test-image.sh).
jdk_wanted="${jdk_wanted:-${STATESTORE_IMAGE_JDK:-}}"
[ -n "$output" ] || { echo "build-base: --output is required" >&2; exit 2; }
case "$variant" in jlink|debian-jre) ;; *) echo "build-base: unknown variant $variant" >&2; exit 2 ;; esac

say() { echo "build-base: $*" >&2; }
mkdir -p "$(dirname "$output")"
properties="$(dirname "$output")/base.properties"
# What the image profile reads (antrun) to choose the entrypoint's class-sharing flags.
write_properties() {
  printf '# written by image/build-base.sh\nimage.java.version=%s\nimage.java.cache=%s\n' "$1" "$2" > "$properties"
}

if [ -n "$for_base" ] && [ "${for_base#tar://}" = "$for_base" ]; then
  say "base is $for_base (not a local tar): nothing to build; CDS flags unless -Dimage.java.cache=aot"
  write_properties unknown cds
  exit 0
fi

arch="$(dpkg --print-architecture)"
uid=65532
suite=bookworm
# The Debian mirror apt already uses here (deb822 or one-line sources), else the default one.
mirror="$(grep -hoE '^(URIs:[[:space:]]*|deb[[:space:]]+)https?://[^[:space:]]+/debian/?([[:space:]]|$)' \
  /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null | grep -oE 'https?://[^[:space:]]+' | head -1 || true)"
mirror="${mirror:-http://deb.debian.org/debian}"
mirror="${mirror%/}"
security_mirror="${mirror%/debian}/debian-security"

# Modules Neo4j 5.26 embedded and the driver need (jdeps --print-module-deps over target/lib, on JDK 17 and on
# JDK 25; JDK 25's also names jdk.incubator.vector, used by Lucene's Java 21+ classes only when it is added with
# --add-modules, which prints a warning: left out), plus jdk.crypto.ec for TLS to bolt+s:// and neo4j+s://
# servers before JDK 22 (from 22 on the EC provider is in java.base and that module is empty and deprecated).
# java.desktop: Neo4j's log4j uses java.beans.
modules=java.base,java.desktop,java.instrument,java.naming,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,jdk.attach,jdk.javadoc,jdk.management,jdk.management.jfr,jdk.unsupported
debs=(libc6 libgcc-s1 libstdc++6 zlib1g netbase tzdata)

need_root() {
  [ "$(id -u)" = 0 ] || { say "needs root to install $* (apt-get)"; exit 1; }
}

apt_updated=""
apt_install() {
  need_root "$*"
  if [ -z "$apt_updated" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

jdk17_home() {
  local d
  for d in /usr/lib/jvm/java-17-openjdk-"$arch" /usr/lib/jvm/java-17-openjdk; do
    if [ -x "$d/bin/jlink" ] && [ -f "$d/jmods/java.base.jmod" ]; then echo "$d"; return 0; fi
  done
  return 1
}

# The feature version in a JDK's release file (JAVA_VERSION="25.0.3" -> 25), or nothing.
release_feature() {
  sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9][0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -n 1
}
release_version() {
  sed -n 's/^JAVA_VERSION="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$1/release" 2>/dev/null | head -n 1
}

# The newest JDK 25 or later under /usr/lib/jvm that can link: bin/jlink and either jmods or a run-time image
# (lib/modules; JEP 493, how Temurin 25 ships). Aliases (symlinks to the same JDK) count once.
jdk25_home() {
  local d real feature best="" best_version=""
  for d in /usr/lib/jvm/*/; do
    real="$(readlink -f "$d")"
    feature="$(release_feature "$real")"
    [ -n "$feature" ] && [ "$feature" -ge 25 ] || continue
    [ -x "$real/bin/jlink" ] && { [ -f "$real/jmods/java.base.jmod" ] || [ -f "$real/lib/modules" ]; } || continue
    if [ -z "$best" ] || [ "$(printf '%s\n%s\n' "$best_version" "$(release_version "$real")" | sort -V | tail -n 1)" != "$best_version" ]; then
      best="$real" best_version="$(release_version "$real")"
    fi
  done
  [ -n "$best" ] && echo "$best"
}

candidate_version() {
  apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2; exit}'
}

# ---- the recipe and its hash
if [ "$variant" = jlink ]; then
  if [ -n "$jdk_wanted" ]; then
    jdk="$(readlink -f "$jdk_wanted")"
    [ -x "$jdk/bin/jlink" ] && [ -n "$(release_feature "$jdk")" ] || { say "--jdk $jdk_wanted: no bin/jlink or release file"; exit 2; }
  else
    jdk="$(jdk25_home || true)"
  fi
  if [ -z "$jdk" ]; then
    say "no JDK 25 or newer under /usr/lib/jvm (release file JAVA_VERSION 25+, bin/jlink): falling back to JDK 17 with a CDS archive"
    jdk="$(jdk17_home || true)"
    if [ -z "$jdk" ]; then
      say "installing openjdk-17-jdk-headless (jlink and the jmods)"
      apt_install openjdk-17-jdk-headless
      jdk="$(jdk17_home)" || { say "no JDK 17 with jmods after installing openjdk-17-jdk-headless"; exit 1; }
    fi
  fi
  java_feature="$(release_feature "$jdk")"
  java_version="$(release_version "$jdk")"
  [ "$java_feature" -ge 22 ] || modules="$modules,jdk.crypto.ec"
  if [ "$java_feature" -ge 25 ]; then java_cache=aot; else java_cache=cds; fi
  # The JDK exactly: its path, its release file (version, vendor, build) and the modules it links from.
  jdk_id="$jdk $(sha256sum < "$jdk/release" | cut -c1-16)"
  if [ -f "$jdk/jmods/java.base.jmod" ]; then
    jdk_id="$jdk_id jmods=$(cat "$jdk"/jmods/*.jmod | sha256sum | cut -c1-16)"
  else
    jdk_id="$jdk_id modules=$(sha256sum < "$jdk/lib/modules" | cut -c1-16)"
  fi
  jdk_version="$java_version$(sed -n 's/^IMPLEMENTOR="\{0,1\}\([^"]*\)"\{0,1\}$/, \1/p' "$jdk/release" | head -n 1)"
  versions="jdk=$java_version"
  for p in "${debs[@]}"; do versions="$versions $p=$(candidate_version "$p")"; done
else
  versions="mirror=$mirror suite=$suite jre=$(candidate_version openjdk-17-jre-headless)"
  jdk_id=""
  java_version="17 (openjdk-17-jre-headless $(candidate_version openjdk-17-jre-headless))"
  java_cache=cds
fi
recipe_hash="$( { cat "$0" "$here/docker-archive.py"; echo "$variant $arch $modules $versions $jdk_id"; } | sha256sum | cut -c1-16)"
cache_dir="${STATESTORE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/statestore}"
cached="$cache_dir/base-$variant-$recipe_hash.tar"
write_properties "${java_version%% *}" "$java_cache"

if [ -f "$cached" ]; then
  say "using cached $variant base $cached (Java $java_version, $java_cache)"
  cp -f "$cached" "$output"
  exit 0
fi

need_root "nothing, but builds the base's files with their owners"
work="$(mktemp -d "${TMPDIR:-/tmp}/statestore-base.XXXXXX")"
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
mkdir -p "$rootfs"
started=$SECONDS

add_user_files() {
  local root="$1"
  mkdir -p "$root/etc" "$root/tmp" "$root/data" "$root/home/nonroot" "$root/root"
  chmod 1777 "$root/tmp"
  chmod 0755 "$root/data"
  chmod 0700 "$root/root"
  chmod 0755 "$root/home/nonroot"
  chown "$uid:$uid" "$root/data" "$root/home/nonroot"
}

if [ "$variant" = jlink ]; then
  say "unpacking ${debs[*]} and linking a Java runtime from $jdk ($jdk_version)"
  mkdir -p "$work/debs"
  download() { (cd "$work/debs" && apt-get download -q -o APT::Sandbox::User=root "${debs[@]}" >&2); }
  if ! download; then
    need_root "the package lists"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    download
  fi
  for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$rootfs"; done
  # Documentation, manuals and package bookkeeping are of no use in the image.
  rm -rf "$rootfs"/usr/share/doc "$rootfs"/usr/share/man "$rootfs"/usr/share/info "$rootfs"/usr/share/lintian \
    "$rootfs"/usr/share/gcc "$rootfs"/usr/share/gdb "$rootfs"/usr/lib/"$(uname -m)"-linux-gnu/gconv \
    "$rootfs"/etc/ld.so.conf.d
  if [ "$java_cache" = aot ]; then
    # No default CDS archive: the image's ahead-of-time cache holds the JDK's classes too, and the JVM does not
    # fall back to the default archive when that cache cannot be used (14 MB saved).
    "$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
      --output "$rootfs/opt/java" >&2
  else
    "$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
      --generate-cds-archive --output "$rootfs/opt/java" >&2
    # The compressed-oops-off archive is only used with heaps over 32 GB.
    rm -f "$rootfs/opt/java/lib/server/classes_nocoops.jsa"
  fi
  java_home=/opt/java
  add_user_files "$rootfs"
  cat > "$rootfs/etc/passwd" <<EOF
root:x:0:0:root:/root:/usr/sbin/nologin
nonroot:x:$uid:$uid:nonroot:/home/nonroot:/usr/sbin/nologin
EOF
  cat > "$rootfs/etc/group" <<EOF
root:x:0:
nonroot:x:$uid:
EOF
  printf 'passwd: files\ngroup: files\nhosts: files dns\nservices: files\nprotocols: files\n' > "$rootfs/etc/nsswitch.conf"
  ln -sf /usr/share/zoneinfo/Etc/UTC "$rootfs/etc/localtime"
  echo "Etc/UTC" > "$rootfs/etc/timezone"
  layer_source="$rootfs"
else
  command -v mmdebstrap >/dev/null 2>&1 || { say "installing mmdebstrap"; apt_install mmdebstrap; }
  say "mmdebstrap $suite minbase with openjdk-17-jre-headless from $mirror"
  mmdebstrap --variant=minbase --include=openjdk-17-jre-headless \
    --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
    --essential-hook='mkdir -p "$1"/usr/share/man/man1' \
    --customize-hook='echo "nonroot:x:65532:65532:nonroot:/home/nonroot:/usr/sbin/nologin" >> "$1/etc/passwd"' \
    --customize-hook='echo "nonroot:x:65532:" >> "$1/etc/group"' \
    --customize-hook='mkdir -p "$1/data" "$1/home/nonroot" && chown 65532:65532 "$1/data" "$1/home/nonroot"' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/usr/share/doc/* "$1"/usr/share/man/*' \
    --skip=output/dev --format=tar \
    "$suite" "$work/rootfs.tar" \
    "deb $mirror $suite main" "deb $mirror $suite-updates main" "deb $security_mirror $suite-security main" >&2
  java_home=/usr/lib/jvm/java-17-openjdk-$arch
  layer_source="$work/rootfs.tar"
fi

python3 "$here/docker-archive.py" pack --rootfs "$layer_source" --out "$work/base.tar" \
  --tag "statestore-base:$variant-$recipe_hash" \
  --created-by "image/build-base.sh --variant $variant ($versions)" \
  --owner "/data=$uid:$uid" --owner "/home/nonroot=$uid:$uid" \
  --env "PATH=$java_home/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --env "JAVA_HOME=$java_home" --env "LANG=C.UTF-8" \
  --label "org.statestore.base.variant=$variant" --label "org.statestore.base.recipe=$recipe_hash" \
  --label "org.statestore.base.java=${java_version%% *}"
mkdir -p "$cache_dir"
# Keep only the newest base of each variant in the cache.
rm -f "$cache_dir"/base-"$variant"-*.tar
cp -f "$work/base.tar" "$cached.part" && mv -f "$cached.part" "$cached"
cp -f "$cached" "$output"
say "built $variant base (Java $java_version, $java_cache) in $((SECONDS - started)) s: $(du -h "$output" | cut -f1) ($cached)"
