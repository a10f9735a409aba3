#!/bin/sh
# Unit tests: t/unit/test_week.c
exec "${CRM_BUILD:-obj}/t/unit/test_week"
