# The two commands the README names: `make demo` and `make test`.
# Both install what a fresh Debian 12 machine lacks (as root, with apt-get).
BUILD ?= build
PREFIX ?= /usr/local
# --version prints VERSION: the v* tag on HEAD when there is one, else the
# project version from CMakeLists.txt marked as a development build.
PROJECT_VERSION := $(shell grep -m1 '^project' CMakeLists.txt | grep -o 'VERSION [0-9.]*' | cut -d' ' -f2)
GIT_TAG := $(shell git describe --tags --exact-match --match 'v[0-9]*' 2>/dev/null | sed 's/^v//')
GIT_REV := $(shell git rev-parse --short HEAD 2>/dev/null)
VERSION ?= $(if $(GIT_TAG),$(GIT_TAG),$(PROJECT_VERSION)-dev$(if $(GIT_REV),+$(GIT_REV)))
# An image tag may not hold '+': 0.1.0-dev+66e0764 is tagged 0.1.0-dev.66e0764.
IMAGE_TAG ?= $(subst +,.,$(VERSION))
IMAGE ?= k8ssandra-images:$(IMAGE_TAG)
# docker when an engine answers, else podman.
ENGINE ?= $(shell docker info > /dev/null 2>&1 && echo docker || echo podman)
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps build test demo bench fuzz install image image-offline clean

all: build

deps:
	@bash scripts/deps.sh

# build installs nothing: only the README's two commands (demo, test) do.
build:
	cmake -S . -B $(BUILD) -DK8SI_VERSION=$(VERSION) > /dev/null
	cmake --build $(BUILD) -j $(JOBS)

test: deps
	@$(MAKE) --no-print-directory build
	cd $(BUILD) && ctest --output-on-failure

demo: deps
	@$(MAKE) --no-print-directory build
	@bash scripts/demo.sh $(BUILD)/k8ssandra-images

bench: build
	@bash bench/run.sh $(BUILD)

# libFuzzer with ASan and UBSan, FUZZ_SECONDS per target, seeded from
# testdata/ (tests/fuzz/corpus.sh). The corpus grows in $(BUILD)/fuzz/corpus;
# findings land in $(BUILD)/fuzz/findings (out of git, as all of $(BUILD)).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= resource_list stream image_config image_ref parallel_parse
fuzz:
	cmake -S . -B $(BUILD)/sanitize -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DK8SI_SANITIZE=ON -DK8SI_FUZZ=ON > /dev/null
	cmake --build $(BUILD)/sanitize -j $(JOBS) --target $(addsuffix _fuzz,$(FUZZ_TARGETS))
	bash tests/fuzz/corpus.sh $(BUILD)/fuzz/corpus
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(BUILD)/fuzz/findings/$$t; \
	  echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
	  $(BUILD)/sanitize/$${t}_fuzz -max_total_time=$(FUZZ_SECONDS) -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 \
	    -artifact_prefix=$(BUILD)/fuzz/findings/$$t/ $(BUILD)/fuzz/corpus/$$t > $(BUILD)/fuzz/$$t.log 2>&1 \
	    || { echo "fuzz: $$t found something:"; ls $(BUILD)/fuzz/findings/$$t; tail -40 $(BUILD)/fuzz/$$t.log; exit 1; }; \
	  grep -E '^stat::number_of_executed_units|^Done' $(BUILD)/fuzz/$$t.log | tail -2; \
	done

install: build
	install -D -m 0755 $(BUILD)/k8ssandra-images $(DESTDIR)$(PREFIX)/bin/k8ssandra-images

image:
	$(ENGINE) build -t $(IMAGE) --build-arg VERSION=$(VERSION) .

# The whole Dockerfile without a registry or an engine service: a private
# podman, a debian:12 base made with mmdebstrap; leaves $(BUILD)/image/
# k8ssandra-images.tar and records the passing build in packaging/image-build.stamp.
image-offline: deps
	bash scripts/image_offline.sh $(BUILD)/image $(IMAGE_TAG)
	bash scripts/image_inputs_hash.sh > packaging/image-build.stamp

clean:
	rm -rf $(BUILD)
