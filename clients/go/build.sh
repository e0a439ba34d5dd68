#!/usr/bin/env bash
# Generates the Go messages and gRPC stubs from proto/ and builds the client, offline: Debian's
# protoc, protoc-gen-go and protoc-gen-go-grpc, and Go in GOPATH mode against Debian's Go sources
# (golang-google-grpc-dev, golang-google-protobuf-dev). Everything goes to clients/go/build
# (never committed); the binary is clients/go/build/polyshop-client.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROTO=$(cd "$HERE/../../proto/src/main/proto" && pwd)
OUT="$HERE/build"
GOPATH_DIR="$OUT/gopath"
for tool in protoc protoc-gen-go protoc-gen-go-grpc go; do
  command -v "$tool" >/dev/null || {
    echo "[go-client] $tool is missing: apt-get install protobuf-compiler protoc-gen-go protoc-gen-go-grpc golang-go golang-google-grpc-dev" >&2
    exit 1
  }
done
[[ -d /usr/share/gocode/src/google.golang.org/grpc ]] ||
  { echo "[go-client] Go's gRPC sources are missing: apt-get install golang-google-grpc-dev" >&2; exit 1; }

# The protos carry no go_package option (the contracts stay language-neutral): map each file to
# its Go import path here.
declare -A packages=(
  [polyshop/catalog/v1/product.proto]=polyshop.dev/contracts/catalogv1
  [polyshop/catalog/v1/change_event.proto]=polyshop.dev/contracts/catalogv1
  [polyshop/search/v1/search_service.proto]=polyshop.dev/contracts/searchv1
  [polyshop/push/v1/push_service.proto]=polyshop.dev/contracts/pushv1
)
go_opts=() grpc_opts=()
for file in "${!packages[@]}"; do
  go_opts+=("--go_opt=M$file=${packages[$file]}")
  grpc_opts+=("--go-grpc_opt=M$file=${packages[$file]}")
done
rm -rf "$GOPATH_DIR" && mkdir -p "$GOPATH_DIR/src"
(cd "$PROTO" && protoc -I . -I /usr/include \
  --go_out="$GOPATH_DIR/src" "${go_opts[@]}" \
  --go-grpc_out="$GOPATH_DIR/src" "${grpc_opts[@]}" \
  polyshop/*/v1/*.proto)

(cd "$HERE" && GOPATH="$GOPATH_DIR:/usr/share/gocode" GO111MODULE=off GOFLAGS= GOTOOLCHAIN=local \
  GOCACHE="$OUT/go-cache" go build -o "$OUT/polyshop-client" .)
echo "[go-client] built $OUT/polyshop-client" >&2
