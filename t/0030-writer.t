#!/bin/sh
# Unit tests: t/unit/test_writer.c
exec "${CRM_BUILD:-obj}/t/unit/test_writer"
