main :: IO ()
main = do
  [a, b] <- map read . words <$> getLine :: IO [Int]
  putStrLn "Hello, CodeSync!"
  putStrLn ("sum=" ++ show (a + b))
