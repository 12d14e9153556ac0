#!/usr/bin/env node
// kubectl finds plugins by name on PATH: `kubectl clearance who-can get secrets -n payments --context prod`.
import { run } from "../bin";

run("kubectl clearance");
