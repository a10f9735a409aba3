#!/bin/sh
# Unit tests: t/unit/test_keytab.c
exec "${CRM_BUILD:-obj}/t/unit/test_keytab"
