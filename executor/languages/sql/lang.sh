#!/bin/sh
# sql: the program runs in sqlite3 against a fresh in-memory database in which the
# program's stdin is already a table: input(line TEXT), one row per line, in order
# (rowid 1 is the first line). -bail: the first error ends the run, with sqlite3's
# message on stderr and a non-zero exit. Analysis is sqlfluff (a parser: it never
# runs the SQL) with its core rules, the raw templater (no Jinja) and no configuration
# files from the job (setup.cfg, tox.ini … are plain names a job may hold).
case "$1" in
  analyze) sqlfluff lint --dialect sqlite --templater raw --ignore-local-config --nocolor --rules core --format json $(find . -name '*.sql') ;;
  compile) exit 0 ;;
  run)
    sed "s/'/''/g; s/.*/INSERT INTO input VALUES('&');/" > /tmp/build/input.sql
    exec sqlite3 -bail -cmd 'CREATE TABLE input(line TEXT);' -cmd '.read /tmp/build/input.sql' :memory: < "$2" ;;
esac
