#!/bin/sh
# The record reader's unit tests (t/unit/test_reader.c).
exec "${CRM_BUILD:-obj}/t/unit/test_reader"
