#!/usr/bin/env python3
# CPU profile of a .NET process from a dotnet-trace sampled-thread-time trace, keeping only samples on a CPU (not waiting).
#   dotnet-trace collect -p PID --profile dotnet-sampled-thread-time --duration 00:00:20 -o t.nettrace
#   dotnet-trace convert t.nettrace --format Speedscope -o t
#   python3 bench/tools/cpu-profile.py t.speedscope.json [NAME-FILTER] [TOP-N] [excl]
# Prints the share of busy time under each frame (inclusive), or spent in it (excl).
import json,sys,collections
d=json.load(open(sys.argv[1]))
frames=[f['name'] for f in d['shared']['frames']]
WAIT=('WaitNative','Monitor.Wait','WaitOneNoCheck','Interop+Sys.Read(','PollGC','LowLevelSpinWaiter','Missing Symbol','WaitForSocketEvents','epoll','Thread.Sleep','Enter_Slowpath','ReleaseSemaphore')
incl=collections.Counter(); excl=collections.Counter(); total=0
for p in d['profiles']:
    stack=[]; last=None
    for e in p['events']:
        t=e['at']
        if stack and last is not None and t>last:
            w=t-last; leaf=frames[stack[-1]]
            prev=frames[stack[-2]] if len(stack)>1 else ''
            ok = leaf=='CPU_TIME' or (leaf=='UNMANAGED_CODE_TIME' and not any(x in prev for x in WAIT))
            if ok:
                total+=w; excl[leaf]+=w
                for f in set(stack): incl[frames[f]]+=w
        last=t
        if e['type']=='O': stack.append(e['frame'])
        else:
            if stack: stack.pop()
print('busy total ms',round(total))
filt=sys.argv[2] if len(sys.argv)>2 else ''
n=int(sys.argv[3]) if len(sys.argv)>3 else 80
which=incl if (len(sys.argv)<=4 or sys.argv[4]!='excl') else excl
c=0
for name,w in which.most_common():
    if filt and filt not in name: continue
    print(f"{100*w/total:6.2f}% {name[:160]}"); c+=1
    if c>=n: break
