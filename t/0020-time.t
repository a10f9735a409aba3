#!/bin/sh
# Unit tests: t/unit/test_time.c
exec "${CRM_BUILD:-obj}/t/unit/test_time"
