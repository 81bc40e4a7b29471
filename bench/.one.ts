const mod = await import(process.argv[2]!);
const fn = mod[process.argv[3]!];
for (let i = 0; i < 3; i++) console.log(process.argv[3], (await fn()).toFixed(0), 'ms');
