# Two commands for a newcomer: `make demo` (crawl the bundled simulator into SQLite) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test fuzz install lock bench bench-throughput bench-incremental bench-extraction bench-scale bench-daemon bench-steady bench-web clean

# An editable install leaves the project's own modules uncompiled (pip compiles only what it copies): compiled
# once here, no command compiles them again at start-up, even where PYTHONDONTWRITEBYTECODE is set.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	$(BIN)/python -m compileall -q crawler db pipelines spiders simulator scheduler.py
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/newswatch demo

# Six test processes (pytest-xdist) on two cores: much of a crawl test's time is spent waiting (crawl timeouts,
# politeness delays, daemon intervals), so more processes than cores keep the CPU busy; an idle process takes
# tests queued for a busy one (worksteal), so none runs a queue of long tests alone at the end.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/pytest -q -n 6 --dist worksteal

# A longer fuzz campaign than the one in `make test` (200 cases per parser there).
fuzz: $(STAMP)
	NEWSWATCH_FUZZ_EXAMPLES=20000 $(BIN)/pytest -q tests/test_fuzz_parsers.py

# Benchmarks print numbers against the targets in docs/benchmarks.md (not tests; about 20 minutes without
# steady_state, which needs as long again at its default 1,000 sources).
# Scale-down knobs: BENCH_ITEMS, BENCH_ROUNDS, BENCH_HISTORY, BENCH_DAEMON_CYCLES … (docs/benchmarks.md).
BENCH_STAMP := $(VENV)/.bench-installed

$(BENCH_STAMP): $(STAMP) bench/requirements.txt
	$(BIN)/pip install --quiet -c constraints.txt -r bench/requirements.txt
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python -m bench

bench-throughput: $(BENCH_STAMP)
	$(BIN)/python -m bench crawl_throughput

bench-incremental: $(BENCH_STAMP)
	$(BIN)/python -m bench incremental

bench-extraction: $(BENCH_STAMP)
	$(BIN)/python -m bench extraction

bench-scale: $(BENCH_STAMP)
	$(BIN)/python -m bench scale

bench-daemon: $(BENCH_STAMP)
	$(BIN)/python -m bench daemon_soak

bench-steady: $(STAMP)
	$(BIN)/python -m bench steady_state

bench-web: $(BENCH_STAMP)
	$(BIN)/python -m bench web_console

lock: $(STAMP)
	$(BIN)/pip freeze --exclude-editable | grep -v '^-e' > constraints.txt

clean:
	rm -rf $(VENV) data build *.egg-info
