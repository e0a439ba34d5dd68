#!/usr/bin/env bash
# Builds the three clients from proto/: Python (stubs generated with Debian's protoc), Go (offline,
# GOPATH mode against Debian's Go sources) and Java (the clients/java module). Installs the Debian
# packages they need when it runs as root (otherwise it names them).
set -Eeuo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
log() { printf '[clients] %s\n' "$*" >&2; }

PACKAGES=(protobuf-compiler protobuf-compiler-grpc python3-grpcio python3-protobuf golang-go
  protoc-gen-go protoc-gen-go-grpc golang-google-grpc-dev golang-google-protobuf-dev)
bash "$ROOT/scripts/debian-packages.sh" "${PACKAGES[@]}"

bash "$HERE/python/generate.sh"
bash "$HERE/go/build.sh"
if ! compgen -G "$HERE/java/target/polyshop-client-*.jar" >/dev/null; then
  (cd "$ROOT" && ./mvnw -B -ntp -q package -DskipTests -Dspotless.check.skip=true -pl clients/java -am)
fi
log "built: Python ($(/usr/bin/python3 -c 'import grpc; print("grpcio", grpc.__version__)')), Go ($(go version | cut -d' ' -f3)), Java"
