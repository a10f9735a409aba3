#!/bin/sh
# Unit tests: t/unit/test_utf8.c
exec "${CRM_BUILD:-obj}/t/unit/test_utf8"
