#!/usr/bin/env node
import { run } from "../bin";

run("clearance");
