#!/bin/sh
# Unit tests: t/unit/test_money.c
exec "${CRM_BUILD:-obj}/t/unit/test_money"
