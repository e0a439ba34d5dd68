#!/usr/bin/env bash
# Generates the Python messages and gRPC stubs from proto/ into clients/python/build/gen (never
# committed), with Debian's protoc and grpc_python_plugin.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROTO=$(cd "$HERE/../../proto/src/main/proto" && pwd)
OUT="$HERE/build/gen"
for tool in protoc grpc_python_plugin; do
  command -v "$tool" >/dev/null ||
    { echo "[python-client] $tool is missing: apt-get install protobuf-compiler protobuf-compiler-grpc" >&2; exit 1; }
done
rm -rf "$OUT" && mkdir -p "$OUT"
(cd "$PROTO" && protoc -I . -I /usr/include --python_out="$OUT" --grpc_out="$OUT" \
  --plugin=protoc-gen-grpc="$(command -v grpc_python_plugin)" polyshop/*/v1/*.proto)
echo "[python-client] generated $(find "$OUT" -name '*.py' | wc -l) modules into $OUT" >&2
