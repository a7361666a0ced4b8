# The two commands the README names: `make demo` and `make test`.
# Both install what a fresh Debian 12 machine lacks (as root, with apt-get).
BUILD ?= build
PREFIX ?= /usr/local
VERSION ?= $(shell git describe --tags --always 2>/dev/null || echo 0.1.0)
IMAGE ?= k8ssandra-images:$(VERSION)
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps build test demo bench install image clean

all: build

deps:
	@bash scripts/deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DK8SI_VERSION=$(VERSION)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

test: build
	cd $(BUILD) && ctest --output-on-failure

demo: build
	@bash scripts/demo.sh $(BUILD)/k8ssandra-images

bench: build
	@bash bench/run.sh $(BUILD)

install: build
	install -D -m 0755 $(BUILD)/k8ssandra-images $(DESTDIR)$(PREFIX)/bin/k8ssandra-images

image:
	docker build -t $(IMAGE) --build-arg VERSION=$(VERSION) .

clean:
	rm -rf $(BUILD)
