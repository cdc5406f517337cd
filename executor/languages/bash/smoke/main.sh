read -r a b
echo "Hello, CodeSync!"
echo "sum=$((a + b))"
