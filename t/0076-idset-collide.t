#!/bin/sh
# Unit tests: t/unit/test_idset_collide.c (test_idset.c, colliding hash)
exec "${CRM_BUILD:-obj}/t/unit/test_idset_collide"
