#!/bin/sh
# Unit tests: t/unit/test_idset.c
exec "${CRM_BUILD:-obj}/t/unit/test_idset"
