#!/usr/bin/env node
// Stops a throwaway PostgreSQL server (test/postgres/server.ts) once the process that started it is gone without
// stopping it: a test run killed by a signal, a crash, or a runner timeout never reaches its teardown, and the server
// (a daemon, not a child of the test run) would otherwise keep running. Started detached; stop() ends it first.
// argv: <owner pid> <data dir to remove> <stop command as JSON: [file, ...args]>
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const [owner, base, command] = process.argv.slice(2);
const [file, ...args] = JSON.parse(command);

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

const timer = setInterval(() => {
  if (alive(Number(owner))) return;
  clearInterval(timer);
  spawnSync(file, args, { stdio: 'ignore' });
  rmSync(base, { recursive: true, force: true });
}, 1000);
