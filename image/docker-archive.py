#!/usr/bin/env python3
"""Packs a root filesystem into a one-layer image in `docker save` format (what Jib's tar:// base accepts).

  docker-archive.py pack --rootfs DIR|TAR --out OUT.tar --tag NAME:TAG [--env K=V]... [--owner PATH=UID:GID]...
  docker-archive.py unpack --archive IMAGE.tar --into DIR      (layers in order, honouring .wh. whiteouts)
  docker-archive.py config --archive IMAGE.tar                 (prints the image config JSON)

A directory is packed with fixed timestamps and root ownership except for the --owner paths, so the same
tree gives the same layer digest. A tar (mmdebstrap's output) is used as the layer as it is.
"""
import argparse
import gzip
import hashlib
import io
import json
import os
import shutil
import sys
import tarfile
import tempfile

FIXED_MTIME = 1  # 1970-01-01T00:00:01Z, as Jib stamps its own layers


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def layer_from_dir(rootfs, layer_path, owners):
    def entries():
        for here, dirs, files in os.walk(rootfs):
            dirs.sort()
            for name in sorted(dirs) + sorted(files):
                yield os.path.join(here, name)

    with tarfile.open(layer_path, "w", format=tarfile.PAX_FORMAT) as tar:
        for path in entries():
            rel = os.path.relpath(path, rootfs)
            info = tar.gettarinfo(path, arcname=rel)
            info.mtime = FIXED_MTIME
            info.uid, info.gid = owners.get("/" + rel, (0, 0))
            info.uname = info.gname = ""
            if info.isreg():
                with open(path, "rb") as f:
                    tar.addfile(info, f)
            else:
                tar.addfile(info)


def pack(args):
    owners = {}
    for spec in args.owner:
        path, ids = spec.split("=", 1)
        uid, gid = ids.split(":", 1)
        owners[path.rstrip("/")] = (int(uid), int(gid))
    with tempfile.TemporaryDirectory(dir=os.path.dirname(os.path.abspath(args.out))) as work:
        layer = os.path.join(work, "layer.tar")
        if os.path.isdir(args.rootfs):
            layer_from_dir(args.rootfs, layer, owners)
        else:
            shutil.copyfile(args.rootfs, layer)
        diff_id = sha256_file(layer)
        config = {
            "architecture": args.arch,
            "os": "linux",
            "created": "1970-01-01T00:00:00Z",
            "config": {"Env": args.env, "Labels": dict(label.split("=", 1) for label in args.label)},
            "rootfs": {"type": "layers", "diff_ids": ["sha256:" + diff_id]},
            "history": [{"created": "1970-01-01T00:00:00Z", "created_by": args.created_by}],
        }
        config_bytes = json.dumps(config, sort_keys=True, separators=(",", ":")).encode()
        config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
        manifest = [{"Config": config_name, "RepoTags": [args.tag], "Layers": [diff_id + "/layer.tar"]}]
        tmp_out = args.out + ".part"
        with tarfile.open(tmp_out, "w", format=tarfile.PAX_FORMAT) as out:
            add_bytes(out, config_name, config_bytes)
            add_bytes(out, "manifest.json", json.dumps(manifest).encode())
            info = out.gettarinfo(layer, arcname=diff_id + "/layer.tar")
            info.mtime, info.uid, info.gid, info.uname, info.gname = FIXED_MTIME, 0, 0, "", ""
            with open(layer, "rb") as f:
                out.addfile(info, f)
        os.replace(tmp_out, args.out)


def add_bytes(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), FIXED_MTIME, 0o644
    tar.addfile(info, io.BytesIO(data))


def read_manifest(archive):
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))[0]
        config = json.load(tar.extractfile(manifest["Config"]))
    return manifest, config


def open_layer(tar, name):
    raw = tar.extractfile(name).read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return tarfile.open(fileobj=io.BytesIO(raw))


def unpack(args):
    manifest, _ = read_manifest(args.archive)
    root = os.path.abspath(args.into)
    os.makedirs(root, exist_ok=True)
    with tarfile.open(args.archive) as image:
        for layer_name in manifest["Layers"]:
            with open_layer(image, layer_name) as layer:
                members = []
                for member in layer.getmembers():
                    name = os.path.normpath(member.name.lstrip("/"))
                    if name.startswith(".."):
                        sys.exit("refusing layer entry outside the root: " + member.name)
                    base = os.path.basename(name)
                    if base.startswith(".wh."):
                        parent = os.path.join(root, os.path.dirname(name))
                        if base == ".wh..wh..opq":
                            for child in os.listdir(parent) if os.path.isdir(parent) else []:
                                remove(os.path.join(parent, child))
                        else:
                            remove(os.path.join(parent, base[len(".wh."):]))
                        continue
                    target = os.path.join(root, name)
                    if os.path.lexists(target) and not (member.isdir() and os.path.isdir(target)):
                        remove(target)
                    member.name = name
                    members.append(member)
                # A root file system has absolute symlinks and owners: trust it as the layer says (Python 3.12+
                # would otherwise apply its "data" filter, which refuses both).
                extra = {"filter": "fully_trusted"} if hasattr(tarfile, "fully_trusted_filter") else {}
                layer.extractall(root, members=members, numeric_owner=True, **extra)


def remove(path):
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.remove(path)


def show_config(args):
    _, config = read_manifest(args.archive)
    json.dump(config, sys.stdout, indent=2, sort_keys=True)
    print()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("pack")
    p.add_argument("--rootfs", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--tag", required=True)
    p.add_argument("--arch", default="amd64")
    p.add_argument("--env", action="append", default=[])
    p.add_argument("--label", action="append", default=[])
    p.add_argument("--owner", action="append", default=[])
    p.add_argument("--created-by", default="image/build-base.sh")
    p.set_defaults(run=pack)
    u = sub.add_parser("unpack")
    u.add_argument("--archive", required=True)
    u.add_argument("--into", required=True)
    u.set_defaults(run=unpack)
    c = sub.add_parser("config")
    c.add_argument("--archive", required=True)
    c.set_defaults(run=show_config)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
