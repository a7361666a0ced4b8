# k8ssandra-images as a KRM function container image.
#   docker build -t k8ssandra-images:VERSION --build-arg VERSION=VERSION .   (or: make image)
# Stage 1 builds on Debian 12 from Debian packages only and runs the unit tests.
FROM debian:12 AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends g++ cmake make libyaml-cpp-dev rapidjson-dev doctest-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
ARG VERSION=0.0.0-dev
RUN cmake -S . -B /build -DK8SI_VERSION="${VERSION}" \
 && cmake --build /build -j"$(nproc)" --target k8ssandra-images-static unit_tests \
 && /build/unit_tests \
 && strip /build/k8ssandra-images-static

# Stage 2: nothing but the statically linked binary and a passwd file, so
# that `docker run --user nobody` (what kustomize and kpt pass) resolves.
# tests/static.sh runs the same binary in the same empty root as uid 65534.
FROM scratch
COPY packaging/passwd packaging/group /etc/
COPY --from=build /build/k8ssandra-images-static /usr/local/bin/k8ssandra-images
USER 65534:65534
ENTRYPOINT ["/usr/local/bin/k8ssandra-images"]
