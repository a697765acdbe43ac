#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image
# (Ubuntu 22.04 by default, after apt-get update), with the autograder zip
# extracted into /autograder/source:
#
#   setup.sh  run_autograder  l4check/ (this repository)  shared/traces/malloclab/
#
# It installs what grading needs and nothing more: Node 20 (l4check's runtime;
# Ubuntu's own nodejs is older), cc and libc headers (C submissions and the
# glibc reference), g++ (C++ submissions), objcopy (binutils), then
# l4check's locked dependencies. For scores that do not move between regrades,
# add valgrind here and `--throughput instructions` in run_autograder.
set -euo pipefail
root="${AUTOGRADER_ROOT:-/autograder}"

apt-get install -y --no-install-recommends ca-certificates curl gcc libc6-dev g++ binutils
curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
apt-get install -y nodejs

cd "$root/source/l4check"
npm ci --no-audit --no-fund
