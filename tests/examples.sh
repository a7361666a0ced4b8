#!/usr/bin/env bash
echo "not yet"; exit 1
