# A stand-in for a PyTorch reference, run with sh: prints its arguments as a JSON object.
printf '{"torch": "stand-in", "arguments": "%s"}\n' "$*"
