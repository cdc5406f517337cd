-- stdin is the table input(line): here one line, "3 4".
SELECT 'Hello, CodeSync!';
SELECT 'sum=' || (CAST(substr(line, 1, instr(line, ' ') - 1) AS INTEGER)
                + CAST(substr(line, instr(line, ' ') + 1) AS INTEGER))
FROM input
WHERE rowid = 1;
