# Redline's entry points. `make demo` and `make test` are the README's two commands; both
# install missing system packages first (scripts/setup.sh).
SWIFT ?= swift

.PHONY: setup build release demo test lint quality bench sample-store audit-screenshot clean

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release --static-swift-stdlib

demo: setup
	@scripts/demo.sh

test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

lint:
	$(SWIFT) format lint --strict -r Sources Tests Package.swift

# Extraction F1 on ../shared/corpus must not drop below scripts/quality-floors.json, and no
# sampled corpus page pair may show a false or missed edit that scripts/false-edits-known.txt
# does not list.
quality: build
	python3 scripts/quality-gate.py --redline "$$($(SWIFT) build --show-bin-path)/redline"
	python3 scripts/false-edit-gate.py --redline "$$($(SWIFT) build --show-bin-path)/redline"

bench: setup
	@scripts/bench.sh

sample-store: setup
	@scripts/sample-store.sh

# A demo store over loopback HTTP, its audit as HTML, and a PNG of it from headless Chromium.
audit-screenshot: setup
	@scripts/audit-demo.sh

clean:
	rm -rf .build .bench
