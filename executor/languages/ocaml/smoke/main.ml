let () =
  Scanf.scanf " %d %d" (fun a b ->
    print_endline "Hello, CodeSync!";
    Printf.printf "sum=%d\n" (a + b))
