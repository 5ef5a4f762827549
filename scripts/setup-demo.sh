#!/usr/bin/env bash
# ParIndex: from nothing to a running demo province, in Vietnamese.
#
#   scripts/setup-demo.sh [options]
#
# For Debian 12 and Ubuntu 22.04 / 24.04, run from a checkout of ParIndex as an ordinary user who
# may use sudo (Frappe's bench refuses to run as root). It
#   1. installs what is missing: git, Python's venv and headers, MariaDB, Redis, wkhtmltopdf
#      (with apt), Node.js 18 or newer (from nodejs.org, into ~/.local, when the system has none),
#      yarn 1 and frappe-bench (into ~/.local);
#   2. creates a Frappe v15 bench, from GitHub by default or from a local Frappe checkout;
#   3. adds this checkout's app, creates the site with ParIndex and fills it with the demo province;
#   4. starts it (`bench start`) at http://<site>:8000 (also http://localhost:8000).
# Running it again is safe: each step that is already done is skipped, the demo is loaded only
# where it is missing, and a bench that is already running is left alone.
#
# Options
#   --bench-dir DIR        the bench (default: ~/parindex-bench)
#   --site NAME            the site (default: parindex.localhost)
#   --frappe-path PATH     build Frappe from this checkout or Git URL instead of GitHub,
#                          for networks without access to GitHub
#   --frappe-branch NAME   Frappe's branch (default: version-15)
#   --python PATH          Python 3.10 to 3.12 for the bench (default: python3)
#   --admin-password PWD   Administrator's password on a new site (default: admin)
#   --db-root-user USER    a MariaDB account that may create databases and users
#   --db-root-password PWD its password (by default the script finds or creates such an account)
#   --no-start             set up only; start later with: cd <bench-dir> && bench start
#   -h, --help             this text
set -euo pipefail

APP_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_DIR="$HOME/parindex-bench"
SITE="parindex.localhost"
FRAPPE_PATH=""
FRAPPE_BRANCH="version-15"
PYTHON="python3"
ADMIN_PASSWORD="admin"
DB_USER=""
DB_PASSWORD=""
START=1
DB_CNF="$HOME/.config/parindex/mariadb-admin.cnf"
NODE_MIN=18

say() { printf '\n\033[1;34m==> %s\033[0m\n' "$*"; }
skip() { printf '    %s\n' "$*"; }
die() {
	printf '\n\033[1;31mError: %s\033[0m\n' "$*" >&2
	exit 1
}
usage() {
	sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
	exit "${1:-0}"
}

while [ $# -gt 0 ]; do
	case "$1" in
	--bench-dir) BENCH_DIR="${2:?--bench-dir needs a directory}"; shift 2 ;;
	--site) SITE="${2:?--site needs a name}"; shift 2 ;;
	--frappe-path) FRAPPE_PATH="${2:?--frappe-path needs a path or URL}"; shift 2 ;;
	--frappe-branch) FRAPPE_BRANCH="${2:?--frappe-branch needs a branch}"; shift 2 ;;
	--python) PYTHON="${2:?--python needs a path}"; shift 2 ;;
	--admin-password) ADMIN_PASSWORD="${2:?--admin-password needs a value}"; shift 2 ;;
	--db-root-user) DB_USER="${2:?--db-root-user needs a name}"; shift 2 ;;
	--db-root-password) DB_PASSWORD="${2-}"; shift 2 ;;
	--no-start) START=0; shift ;;
	-h | --help) usage 0 ;;
	*) printf 'Unknown option: %s\n\n' "$1" >&2; usage 2 ;;
	esac
done

[ "$(id -u)" -ne 0 ] || die "run this as an ordinary user who may use sudo, not as root: Frappe's bench refuses to run as root."
case "$SITE" in *[!a-z0-9.-]* | "" | .* | *.) die "the site name '$SITE' may hold only a-z, 0-9, '.' and '-'." ;; esac
BENCH_DIR="$(realpath -m "$BENCH_DIR")"
if [ -n "$FRAPPE_PATH" ] && [ -e "$FRAPPE_PATH" ]; then FRAPPE_PATH="$(realpath "$FRAPPE_PATH")"; fi
export PATH="$HOME/.local/bin:$PATH"

# ---------------------------------------------------------------- 1. system packages
PACKAGES=(git curl ca-certificates build-essential pkg-config python3-dev python3-venv python3-pip
	mariadb-server mariadb-client redis-server xvfb libfontconfig1 wkhtmltopdf cron
	tesseract-ocr tesseract-ocr-vie poppler-utils fonts-dejavu-core)
say "System packages"
missing=()
for package in "${PACKAGES[@]}"; do
	dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
	skip "all present"
else
	command -v apt-get >/dev/null || die "no apt-get: install ${missing[*]} with your system's package manager, then run this again."
	skip "installing ${missing[*]}"
	sudo apt-get update -q
	sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

"$PYTHON" -c 'import sys; sys.exit(not ((3, 10) <= sys.version_info[:2] <= (3, 12)))' 2>/dev/null ||
	die "Frappe v15 needs Python 3.10, 3.11 or 3.12; '$PYTHON' is $("$PYTHON" --version 2>&1). Give another with --python."

# ---------------------------------------------------------------- 2. MariaDB
say "MariaDB"
if ! mariadb-admin ping >/dev/null 2>&1; then
	skip "starting the server"
	sudo systemctl enable --now mariadb 2>/dev/null || sudo service mariadb start
	for _ in $(seq 30); do mariadb-admin ping >/dev/null 2>&1 && break; sleep 1; done
	mariadb-admin ping >/dev/null 2>&1 || die "MariaDB does not start; see: sudo journalctl -u mariadb"
fi

# the password goes through the environment, not the command line that `ps` shows
db() { MYSQL_PWD="$DB_PASSWORD" mariadb --protocol=tcp -h localhost -u "$DB_USER" -N -B "$@"; }
db_works() { db -e "SELECT 1" >/dev/null 2>&1; }
if [ -n "$DB_USER" ]; then
	db_works || die "MariaDB refuses the account '$DB_USER' with the password given."
	skip "using the account '$DB_USER' given"
else
	if [ -f "$DB_CNF" ]; then
		DB_USER="$(sed -n 's/^user=//p' "$DB_CNF")"
		DB_PASSWORD="$(sed -n 's/^password=//p' "$DB_CNF")"
	fi
	if [ -n "$DB_USER" ] && db_works; then
		skip "using the account '$DB_USER' saved in $DB_CNF"
	elif DB_USER=root DB_PASSWORD="" && db_works; then
		skip "using root, which has no password on this server"
	else
		# a fresh Debian/Ubuntu server: root logs in through sudo only; make an account for bench
		DB_USER="parindex_admin"
		DB_PASSWORD="$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
		# the server may see a local TCP client as localhost, 127.0.0.1 or ::1
		sql=""
		for host in localhost 127.0.0.1 ::1; do
			sql+="CREATE USER IF NOT EXISTS '$DB_USER'@'$host' IDENTIFIED BY '$DB_PASSWORD';
				ALTER USER '$DB_USER'@'$host' IDENTIFIED BY '$DB_PASSWORD';
				GRANT ALL PRIVILEGES ON *.* TO '$DB_USER'@'$host' WITH GRANT OPTION;"
		done
		sudo mariadb -e "$sql" ||
			die "cannot create a MariaDB account for bench; give one with --db-root-user and --db-root-password."
		mkdir -p "$(dirname "$DB_CNF")"
		(umask 077 && printf '[client]\nuser=%s\npassword=%s\n' "$DB_USER" "$DB_PASSWORD" >"$DB_CNF")
		db_works || die "MariaDB refuses the new account '$DB_USER'."
		skip "created the account '$DB_USER' (its password is in $DB_CNF, readable by you only)"
	fi
fi
if [ "$(db -e 'SELECT @@character_set_server')" != "utf8mb4" ]; then
	skip "setting the server's character set to utf8mb4 (Frappe stores Vietnamese as utf8mb4)"
	printf '[mysqld]\ncharacter-set-client-handshake = FALSE\ncharacter-set-server = utf8mb4\ncollation-server = utf8mb4_unicode_ci\n\n[mysql]\ndefault-character-set = utf8mb4\n' |
		sudo tee /etc/mysql/mariadb.conf.d/99-parindex.cnf >/dev/null
	sudo systemctl restart mariadb 2>/dev/null || sudo service mariadb restart
	for _ in $(seq 30); do db_works && break; sleep 1; done
fi

# ---------------------------------------------------------------- 3. Node.js, yarn 1, frappe-bench
say "Node.js, yarn 1 and frappe-bench"
node_major() { node -e 'console.log(process.versions.node.split(".")[0])' 2>/dev/null || echo 0; }
if [ "$(node_major)" -ge "$NODE_MIN" ]; then
	skip "node $(node --version)"
else
	case "$(uname -m)" in x86_64) arch=x64 ;; aarch64) arch=arm64 ;; *) die "no Node.js build for $(uname -m); install Node.js $NODE_MIN or newer, then run this again." ;; esac
	base="https://nodejs.org/dist/latest-v20.x"
	tarball="$(curl -fsSL "$base/SHASUMS256.txt" | awk -v a="linux-$arch.tar.xz" '$2 ~ a"$" {print $2}')"
	[ -n "$tarball" ] || die "cannot read the list of Node.js builds at $base."
	skip "installing $tarball into ~/.local"
	tmp="$(mktemp -d)"
	curl -fsSL -o "$tmp/$tarball" "$base/$tarball"
	curl -fsSL "$base/SHASUMS256.txt" | grep " $tarball\$" | (cd "$tmp" && sha256sum -c --quiet -) || die "the Node.js download does not match its checksum."
	rm -rf "$HOME/.local/lib/parindex-node" && mkdir -p "$HOME/.local/lib/parindex-node" "$HOME/.local/bin"
	tar -xJf "$tmp/$tarball" -C "$HOME/.local/lib/parindex-node" --strip-components=1
	rm -rf "$tmp"
	for tool in node npm npx; do ln -sf "$HOME/.local/lib/parindex-node/bin/$tool" "$HOME/.local/bin/$tool"; done
	hash -r
fi
if [[ "$(yarn --version 2>/dev/null)" == 1.* ]]; then
	skip "yarn $(yarn --version)"
else
	skip "installing yarn 1 into ~/.local (bench cannot drive yarn 2 or newer)"
	npm install -g --silent --prefix "$HOME/.local" yarn@1
	hash -r
fi
if command -v bench >/dev/null; then
	skip "bench $(bench --version 2>/dev/null)"
else
	skip "installing frappe-bench into ~/.local/share/parindex/bench-venv"
	"$PYTHON" -m venv "$HOME/.local/share/parindex/bench-venv"
	"$HOME/.local/share/parindex/bench-venv/bin/pip" install -q --upgrade pip frappe-bench
	mkdir -p "$HOME/.local/bin"
	# bench drives uv, which comes with it
	for tool in bench uv; do ln -sf "$HOME/.local/share/parindex/bench-venv/bin/$tool" "$HOME/.local/bin/$tool"; done
	hash -r
fi
if ! command -v uv >/dev/null; then
	# bench drives uv; a bench from pipx keeps its uv out of PATH
	bench_bin="$(dirname "$(readlink -f "$(command -v bench)")")"
	if [ -x "$bench_bin/uv" ]; then export PATH="$PATH:$bench_bin"; else export BENCH_DISABLE_UV=1; fi
fi

# ---------------------------------------------------------------- 4. the bench
say "Frappe bench in $BENCH_DIR"
if [ -x "$BENCH_DIR/env/bin/python" ] && [ -d "$BENCH_DIR/apps/frappe" ] && [ -f "$BENCH_DIR/sites/apps.txt" ]; then
	skip "present"
elif [ -e "$BENCH_DIR" ]; then
	die "$BENCH_DIR exists but is not a complete bench (did an earlier run stop half-way?). Remove it (rm -rf $BENCH_DIR) or choose another --bench-dir, then run this again."
else
	skip "bench init from ${FRAPPE_PATH:-GitHub}, branch $FRAPPE_BRANCH"
	if ! (cd "$(dirname "$BENCH_DIR")" && bench init "$(basename "$BENCH_DIR")" --frappe-branch "$FRAPPE_BRANCH" \
		${FRAPPE_PATH:+--frappe-path "$FRAPPE_PATH"} --python "$(command -v "$PYTHON")" --no-backups </dev/null); then
		# this run made the folder: take the half-made bench away, so that the next run starts clean
		rm -rf "$BENCH_DIR"
		die "bench init failed (see above); fix the cause and run this again."
	fi
	[ -d "$BENCH_DIR/apps/frappe" ] || die "bench init did not create $BENCH_DIR; see above."
fi
cd "$BENCH_DIR"
# setuptools 81 removed pkg_resources, which Frappe v15's dependencies still import
"$BENCH_DIR/env/bin/python" -c "import pkg_resources" 2>/dev/null || bench pip install -q "setuptools<81"

say "The ParIndex app"
if grep -qx parindex sites/apps.txt 2>/dev/null && [ -d apps/parindex ]; then
	skip "present in apps/parindex"
else
	# bench fetches apps with git and names them after their folder: hand it a clone named parindex
	stage="$(mktemp -d)"
	if git -C "$APP_DIR" rev-parse --git-dir >/dev/null 2>&1; then
		git clone -q "$APP_DIR" "$stage/parindex"
		git -C "$stage/parindex" remote remove origin
	else
		cp -a "$APP_DIR" "$stage/parindex"
		git -C "$stage/parindex" init -q && git -C "$stage/parindex" add -A &&
			git -C "$stage/parindex" -c user.name=setup -c user.email=setup@localhost commit -qm "ParIndex"
	fi
	rm -rf apps/parindex
	bench get-app "$stage/parindex"
	rm -rf "$stage"
fi

# ---------------------------------------------------------------- 5. the site and the demo
# bench's own Redis servers run under `bench start`; the steps below need them as well
started_redis=()
stop_redis() {
	for port in "${started_redis[@]}"; do redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true; done
	started_redis=()
}
trap stop_redis EXIT
for name in cache queue; do
	port="$(sed -n 's/^port //p' "config/redis_$name.conf")"
	if ! redis-cli -p "$port" ping >/dev/null 2>&1; then
		redis-server "config/redis_$name.conf" --daemonize yes >/dev/null
		started_redis+=("$port")
		for _ in $(seq 20); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.5; done
	fi
done

say "Site $SITE"
if [ -f "sites/$SITE/site_config.json" ]; then
	skip "present"
else
	# an empty root password makes bench ask for one: the empty line answers it
	printf '\n' | bench new-site "$SITE" --db-root-username "$DB_USER" --db-root-password "$DB_PASSWORD" \
		--admin-password "$ADMIN_PASSWORD" ||
		die "bench new-site failed (see above). If it left sites/$SITE behind, remove it with: cd $BENCH_DIR && bench drop-site $SITE --db-root-username $DB_USER --force"
fi
if bench --site "$SITE" list-apps 2>/dev/null | grep -q "^parindex"; then
	skip "ParIndex installed"
else
	bench --site "$SITE" install-app parindex
fi
bench use "$SITE" >/dev/null
bench --site "$SITE" enable-scheduler >/dev/null

say "Demo province"
bench --site "$SITE" execute parindex.demo.province.load

stop_redis

# ---------------------------------------------------------------- 6. start
port="$(env/bin/python -c 'import json; print(json.load(open("sites/common_site_config.json")).get("webserver_port", 8000))')"
cat <<EOF

ParIndex is set up in $BENCH_DIR.
  Open     http://$SITE:$port   (or http://localhost:$port)
  Sign in  Administrator / $ADMIN_PASSWORD, or a demo user of README.md (password Demo@2025)
  Start    cd $BENCH_DIR && bench start      (Ctrl+C stops it)
EOF
if [ "$START" -eq 0 ]; then
	exit 0
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
	printf '\nSomething already listens on port %s: the bench is probably running already.\n' "$port"
	exit 0
fi
say "Starting (Ctrl+C stops it)"
exec bench start
