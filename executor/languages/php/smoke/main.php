<?php

[$a, $b] = array_map('intval', preg_split('/\s+/', trim(stream_get_contents(STDIN))));
echo "Hello, CodeSync!\n";
echo "sum=" . ($a + $b) . "\n";
